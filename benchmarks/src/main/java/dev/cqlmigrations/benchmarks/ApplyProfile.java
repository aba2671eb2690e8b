package dev.cqlmigrations.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.datastax.oss.driver.api.core.CqlSession;

import dev.cqlmigrations.core.MigrationEngine;
import dev.cqlmigrations.test.CassandraNode;

/**
 * Where the engine's apply time goes: one extra engine run and one per-node baseline run, each on
 * a session with a {@link RecordingTracker}, with the requests grouped by kind, counted and their
 * driver-measured latencies summed. What the requests do not explain is client-side time (script
 * loading, logging, PREPAREs, which the tracker does not see).
 */
final class ApplyProfile {

	private final CassandraNode node;

	private final Supplier<String> keyspaces;

	private final ScriptFiles scripts;

	private final int count;

	ApplyProfile(CassandraNode node, Supplier<String> keyspaces, ScriptFiles scripts,
			int count) {
		this.node = node;
		this.keyspaces = keyspaces;
		this.scripts = scripts;
		this.count = count;
	}

	String profile() {
		System.out.println("    profiling one engine run and one per-node loop run (request tracker)");
		StringBuilder out = new StringBuilder();
		out.append("Benchmark 2, request profile of one extra run each (driver RequestTracker; latency = driver-"
				+ "measured time of the request):\n\n");
		out.append(table("engine", (session, keyspace) -> {
			new MigrationEngine(session, ApplyBenchmark.settings(keyspace, this.scripts)).migrate();
		}));
		out.append('\n');
		out.append(table("per-node schema_version loop",
				(session, keyspace) -> ApplyBenchmark.perNodeLoop(session, keyspace, this.count)));
		return out.toString();
	}

	private String table(String name, Run run) {
		RecordingTracker tracker = new RecordingTracker();
		String keyspace = this.keyspaces.get();
		long wall;
		List<RecordingTracker.Recorded> requests;
		try (CqlSession session = Sessions.ddl(this.node, tracker)) {
			Keyspaces.create(session, keyspace);
			tracker.settledRequests();
			tracker.clear();
			long start = System.nanoTime();
			run.run(session, keyspace);
			wall = System.nanoTime() - start;
			requests = tracker.settledRequests();
			Keyspaces.drop(session, keyspace);
		}
		Map<String, Samples> byKind = new LinkedHashMap<>();
		long tracked = 0;
		for (RecordingTracker.Recorded request : requests) {
			byKind.computeIfAbsent(kind(request.cql()), (kind) -> new Samples()).add(request.latencyNanos());
			tracked += request.latencyNanos();
		}
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%s: wall %.0f ms for %d migrations, %d requests (%.2f per migration), "
				+ "%.0f ms inside requests, %.0f ms outside them (client side, PREPARE, sleeps)%n%n", name,
				wall / 1e6, this.count, requests.size(), requests.size() / (double) this.count, tracked / 1e6,
				(wall - tracked) / 1e6));
		out.append("| request kind | count | per migration | total ms | median ms | max ms |\n");
		out.append("|---|---|---|---|---|---|\n");
		byKind.forEach((kind, samples) -> out.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.0f | %s | %s |%n",
				kind, samples.size(), samples.size() / (double) this.count, samples.total() / 1e6,
				Samples.ms(samples.median()), Samples.ms(samples.max()))));
		return out.toString();
	}

	static String kind(String cql) {
		String upper = cql.strip().toUpperCase(Locale.ROOT);
		if (upper.startsWith("SELECT SCHEMA_VERSION")) {
			return "schema_version poll (agreement)";
		}
		if (upper.startsWith("CREATE KEYSPACE")
				|| (upper.startsWith("CREATE TABLE IF NOT EXISTS") && upper.contains("MIGRATION_"))) {
			return "bootstrap DDL (keyspace, history and lock tables)";
		}
		if (upper.contains("MIGRATION_LOCK")) {
			return "lock (LWT acquire / release / renew)";
		}
		if (upper.startsWith("INSERT") && upper.contains("MIGRATION_HISTORY")) {
			return "history INSERT (IN_PROGRESS, APPLIED)";
		}
		if (upper.startsWith("UPDATE") && upper.contains("MIGRATION_HISTORY")) {
			return "history progress UPDATE";
		}
		if (upper.startsWith("SELECT") && upper.contains("MIGRATION_HISTORY")) {
			return "history read";
		}
		if (upper.startsWith("USE")) {
			return "USE keyspace";
		}
		if (upper.startsWith("CREATE") || upper.startsWith("ALTER") || upper.startsWith("DROP")) {
			return "migration DDL";
		}
		return "other: " + cql;
	}

	/** One profiled run. */
	@FunctionalInterface
	private interface Run {

		void run(CqlSession session, String keyspace);

	}

}
