package dev.cqlmigrations.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;

import dev.cqlmigrations.core.MigrationEngine;
import dev.cqlmigrations.core.MigrationLoader;
import dev.cqlmigrations.core.MigrationRunResult;
import dev.cqlmigrations.core.MigrationSettings;
import dev.cqlmigrations.core.Placeholders;
import dev.cqlmigrations.core.ResolvedMigration;
import dev.cqlmigrations.core.ScriptScanner;
import dev.cqlmigrations.test.CassandraNode;

/**
 * A keyspace whose history holds many applied migrations, and the scripts of those migrations:
 * one CREATE TABLE, then small INSERT scripts (the no-op path reads and parses them all, but
 * what they contain does not matter to it, and DML applies fast).
 */
final class HistoryFixture implements AutoCloseable {

	static final String KEYSPACE = "bench_history";

	final CqlSession session;

	final ScriptFiles scripts;

	final MigrationSettings settings;

	final int count;

	private final String rawQuery;

	private HistoryFixture(CqlSession session, ScriptFiles scripts, MigrationSettings settings, int count) {
		this.session = session;
		this.scripts = scripts;
		this.settings = settings;
		this.count = count;
		this.rawQuery = "SELECT * FROM " + KEYSPACE + ".migration_history WHERE scope='default'";
	}

	static HistoryFixture create(CassandraNode node, int count, Report report) {
		ScriptFiles scripts = new ScriptFiles("bench-history-");
		scripts.write("V1__create_events.cql", "-- the table the other migrations fill\n"
				+ "CREATE TABLE events (id int PRIMARY KEY, payload text);\n");
		for (int version = 2; version <= count; version++) {
			scripts.write("V" + version + "__event_" + version + ".cql", String.format(Locale.ROOT,
					"-- event %d%nINSERT INTO events (id, payload) VALUES (%d, 'event %d; with ''quotes''');%n",
					version, version, version));
		}
		MigrationSettings settings = MigrationSettings.builder(KEYSPACE)
			.locations(List.of(scripts.location()))
			.installedBy("benchmark@localhost")
			.lockWaitTimeout(Duration.ofSeconds(60))
			.build();
		CqlSession session = Sessions.ddl(node, null);
		long start = System.nanoTime();
		MigrationRunResult result = new MigrationEngine(session, settings).migrate();
		long nanos = System.nanoTime() - start;
		if (result.migrations().size() != count) {
			throw new IllegalStateException("Setup applied " + result.migrations().size() + " of " + count);
		}
		report.note(String.format(Locale.ROOT, "Setup of benchmarks 1 and 3: the engine applied %d migrations "
				+ "(1 CREATE TABLE + %d single-INSERT scripts, %.1f kB) in %.1f s, %.1f ms per migration.", count,
				count - 1, scripts.bytes() / 1000.0, nanos / 1e9, nanos / 1e6 / count));
		return new HistoryFixture(session, scripts, settings, count);
	}

	/** In-memory parsing of the same scripts, as the engine does it. */
	List<ResolvedMigration> loadScripts() {
		MigrationLoader loader = new MigrationLoader(new ScriptScanner(this.settings.classLoader()),
				new Placeholders(this.settings.placeholders()));
		List<ResolvedMigration> loaded = loader.load(this.settings.locations(), this.settings.javaMigrations());
		check(loaded.size(), "scripts");
		return loaded;
	}

	/** One raw driver query reading the whole history partition. */
	int readHistoryRaw() {
		int rows = 0;
		for (Row row : this.session.execute(this.rawQuery)) {
			rows++;
		}
		check(rows, "history rows");
		return rows;
	}

	String rawQuery() {
		return this.rawQuery;
	}

	private void check(int found, String what) {
		if (found != this.count) {
			throw new IllegalStateException("Expected " + this.count + " " + what + ", found " + found);
		}
	}

	@Override
	public void close() {
		this.session.close();
		this.scripts.close();
	}

}
