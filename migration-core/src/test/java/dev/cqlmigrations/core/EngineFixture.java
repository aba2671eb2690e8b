package dev.cqlmigrations.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;

import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.ClusterProbe;
import dev.cqlmigrations.test.TestKeyspaces;
import dev.cqlmigrations.test.TestRetry;
import dev.cqlmigrations.test.TestScripts;

/**
 * A keyspace of its own, a folder of scripts and engines pointing at both, for engine
 * integration tests against the shared node.
 */
final class EngineFixture implements AutoCloseable {

	private static CqlSession sharedDdlSession;

	final String keyspace;

	final Path scripts;

	final CqlSession session;

	EngineFixture(CassandraNode node, Path scripts, String hint) {
		this.keyspace = TestKeyspaces.unique(hint);
		this.scripts = scripts;
		this.session = ddlSession(node);
	}

	static synchronized CqlSession ddlSession(CassandraNode node) {
		if (sharedDdlSession == null || sharedDdlSession.isClosed()) {
			sharedDdlSession = newDdlSession(node);
		}
		// On a loaded machine the shared session can lose its connection (seen as a frame decoding
		// error, then "No connection was available"); the driver reconnects within seconds. A test
		// starts once it is back, instead of failing on what an earlier test left behind.
		CqlSession session = sharedDdlSession;
		TestRetry.idempotent(() -> session.execute("SELECT release_version FROM system.local"));
		return session;
	}

	static CqlSession newDdlSession(CassandraNode node) {
		return ddlSessionBuilder(node).build();
	}

	/** A session to the node with the engine's DDL settings, for a test that adds to it. */
	static CqlSessionBuilder ddlSessionBuilder(CassandraNode node) {
		DriverConfigLoader config = DdlSessionSettings
			.applyTo(DriverConfigLoader.programmaticBuilder(), DdlSessionSettings.DEFAULT_REQUEST_TIMEOUT)
			.build();
		return node.sessionBuilder().withConfigLoader(config);
	}

	MigrationSettings.Builder settings() {
		return MigrationSettings.builder(this.keyspace)
			.locations(List.of("filesystem:" + this.scripts))
			.lockWaitTimeout(Duration.ofSeconds(20))
			.installedBy("it@test");
	}

	MigrationEngine engine() {
		return new MigrationEngine(this.session, settings().build());
	}

	EngineFixture write(String fileName, String content) {
		TestScripts.write(this.scripts, fileName, content);
		return this;
	}

	EngineFixture delete(String fileName) {
		try {
			Files.delete(this.scripts.resolve(fileName));
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Creates the fixture's keyspace as an operator would before the first run, with SimpleStrategy. */
	EngineFixture createKeyspace(int replicationFactor) {
		this.session.execute("CREATE KEYSPACE " + this.keyspace
				+ " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': " + replicationFactor + "}");
		return this;
	}

	/** Rows of the history as "version:STATE:statements_done". */
	List<String> history() {
		if (!tableExists(this.keyspace, "migration_history")) {
			return List.of();
		}
		Map<MigrationVersion, String> rows = new TreeMap<>();
		for (Row row : TestRetry.idempotent(() -> this.session.execute("SELECT version, state, statements_done FROM "
				+ this.keyspace + ".migration_history WHERE scope = 'default'").all())) {
			rows.put(MigrationVersion.parse(row.getString("version")),
					row.getString("version") + ":" + row.getString("state") + ":" + row.getInt("statements_done"));
		}
		return new ArrayList<>(rows.values());
	}

	Row historyRow(String version) {
		return TestRetry.idempotent(() -> this.session.execute("SELECT * FROM " + this.keyspace
				+ ".migration_history WHERE scope = 'default' AND version = ?", version).one());
	}

	boolean tableExists(String keyspace, String table) {
		return TestRetry.idempotent(() -> ClusterProbe.tableExists(this.session, keyspace, table));
	}

	boolean keyspaceExists(String keyspace) {
		return TestRetry.idempotent(() -> this.session.execute("SELECT keyspace_name FROM system_schema.keyspaces "
				+ "WHERE keyspace_name = ?", keyspace).one()) != null;
	}

	List<String> columns(String table) {
		List<String> columns = new ArrayList<>();
		for (Row row : TestRetry.idempotent(() -> this.session.execute("SELECT column_name FROM system_schema.columns "
				+ "WHERE keyspace_name = ? AND table_name = ?", this.keyspace, table).all())) {
			columns.add(row.getString(0));
		}
		columns.sort(String::compareTo);
		return columns;
	}

	@Override
	public void close() {
		// the DDL session is shared by all tests of the JVM
	}

}
