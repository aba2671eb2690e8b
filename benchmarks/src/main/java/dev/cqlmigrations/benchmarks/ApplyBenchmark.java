package dev.cqlmigrations.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;

import dev.cqlmigrations.core.MigrationEngine;
import dev.cqlmigrations.core.MigrationRunResult;
import dev.cqlmigrations.core.MigrationSettings;
import dev.cqlmigrations.test.CassandraNode;

/**
 * Benchmark 2: applying migrations of one {@code CREATE TABLE} each to an empty keyspace with the
 * engine, against the fastest correct raw driver loops over the same statements: (a) schema
 * metadata off and {@code session.checkSchemaAgreement()} after each; (b) all statements pinned
 * to one node and every UP node's {@code schema_version} polled after each, as the engine does.
 * Every run gets a fresh keyspace (created and dropped outside the timing); the order of the
 * three contenders changes with every repetition.
 */
final class ApplyBenchmark {

	static final double GOAL = 1.10;

	private static final String TABLE = "(id uuid PRIMARY KEY, name text, created timestamp, tags set<text>)";

	private static final Duration AGREEMENT_TIMEOUT = Duration.ofSeconds(30);

	private static final int[][] ORDERS = { { 0, 1, 2 }, { 2, 0, 1 }, { 1, 2, 0 }, { 2, 1, 0 }, { 0, 2, 1 },
			{ 1, 0, 2 } };

	private final CassandraNode node;

	private final BenchmarkOptions options;

	private int keyspaces;

	ApplyBenchmark(CassandraNode node, BenchmarkOptions options) {
		this.node = node;
		this.options = options;
	}

	void run(Report report) {
		int count = this.options.migrations();
		System.out.println("[2] apply " + count + " CREATE TABLE migrations");
		try (ScriptFiles warmupScripts = scripts(20); ScriptFiles scripts = scripts(count);
				CqlSession ddl = Sessions.ddl(this.node, null);
				CqlSession driver = Sessions.driverAgreement(this.node)) {
			List<Contender> contenders = List.of(new Contender("engine", (ks, n) -> engine(ddl, ks, scripts, n)),
					new Contender("checkSchemaAgreement loop", (ks, n) -> driverLoop(driver, ks, n)),
					new Contender("per-node schema_version loop", (ks, n) -> perNodeLoop(ddl, ks, n)));
			warmUp(ddl, warmupScripts, driver);
			Samples[] times = { new Samples(), new Samples(), new Samples() };
			Samples vsDriver = new Samples();
			Samples vsPerNode = new Samples();
			for (int rep = 0; rep < this.options.applyRepetitions(); rep++) {
				double[] nanos = new double[3];
				for (int index : ORDERS[rep % ORDERS.length]) {
					nanos[index] = timeOnFreshKeyspace(ddl, contenders.get(index), count);
					times[index].add(nanos[index]);
				}
				vsDriver.add(nanos[0] / nanos[1]);
				vsPerNode.add(nanos[0] / nanos[2]);
				System.out.printf(Locale.ROOT, "    rep %d: engine %.0f ms, checkSchemaAgreement loop %.0f ms, "
						+ "per-node loop %.0f ms%n", rep + 1, nanos[0] / 1e6, nanos[1] / 1e6, nanos[2] / 1e6);
			}
			String title = "Apply " + count + " × 1 `CREATE TABLE`, empty keyspace";
			report.row(new Report.Row("2", title + " vs `checkSchemaAgreement()` loop", times[0].millis(),
					times[1].millis(), vsDriver.ratio(), "≤ " + GOAL + "×", Report.verdict(vsDriver.median(), GOAL)));
			report.row(new Report.Row("2b", title + " vs per-node `schema_version` loop", times[0].millis(),
					times[2].millis(), vsPerNode.ratio(), "≤ " + GOAL + "×",
					Report.verdict(vsPerNode.median(), GOAL)));
			report.detail(perStatement(count, times));
			report.detail(new ApplyProfile(this.node, this::nextKeyspace, scripts, count).profile());
		}
	}

	private void warmUp(CqlSession ddl, ScriptFiles warmupScripts, CqlSession driver) {
		timeOnFreshKeyspace(ddl, new Contender("engine", (ks, n) -> engine(ddl, ks, warmupScripts, n)), 20);
		timeOnFreshKeyspace(ddl, new Contender("driver", (ks, n) -> driverLoop(driver, ks, n)), 20);
		timeOnFreshKeyspace(ddl, new Contender("per-node", (ks, n) -> perNodeLoop(ddl, ks, n)), 20);
	}

	private static String perStatement(int count, Samples[] times) {
		return String.format(Locale.ROOT, "Benchmark 2, per migration (median run / %d): engine %.1f ms, "
				+ "checkSchemaAgreement loop %.1f ms, per-node schema_version loop %.1f ms; engine minus per-node "
				+ "loop: %.2f ms per migration.", count, times[0].median() / 1e6 / count,
				times[1].median() / 1e6 / count, times[2].median() / 1e6 / count,
				(times[0].median() - times[2].median()) / 1e6 / count);
	}

	private double timeOnFreshKeyspace(CqlSession ddl, Contender contender, int count) {
		String keyspace = nextKeyspace();
		Keyspaces.create(ddl, keyspace);
		System.gc();
		try {
			return Comparison.time(() -> contender.action().apply(keyspace, count));
		}
		finally {
			Keyspaces.drop(ddl, keyspace);
			pause();
		}
	}

	String nextKeyspace() {
		return "bench_apply_" + (++this.keyspaces);
	}

	static ScriptFiles scripts(int count) {
		ScriptFiles scripts = new ScriptFiles("bench-apply-");
		for (int i = 1; i <= count; i++) {
			scripts.write(String.format(Locale.ROOT, "V%d__create_table_%03d.cql", i, i),
					"CREATE TABLE " + table(i) + " " + TABLE + ";\n");
		}
		return scripts;
	}

	static MigrationSettings settings(String keyspace, ScriptFiles scripts) {
		return MigrationSettings.builder(keyspace)
			.locations(List.of(scripts.location()))
			.installedBy("benchmark@localhost")
			.lockWaitTimeout(Duration.ofSeconds(60))
			.build();
	}

	private static void engine(CqlSession session, String keyspace, ScriptFiles scripts, int count) {
		MigrationRunResult result = new MigrationEngine(session, settings(keyspace, scripts)).migrate();
		if (result.migrations().size() != count) {
			throw new IllegalStateException("The engine applied " + result.migrations().size() + " of " + count);
		}
	}

	private static void driverLoop(CqlSession session, String keyspace, int count) {
		for (int i = 1; i <= count; i++) {
			session.execute(SimpleStatement.newInstance("CREATE TABLE " + keyspace + "." + table(i) + " " + TABLE));
			if (!session.checkSchemaAgreement()) {
				throw new IllegalStateException("No schema agreement after table " + i);
			}
		}
	}

	static void perNodeLoop(CqlSession session, String keyspace, int count) {
		Node coordinator = PerNodeAgreement.firstUpNode(session);
		for (int i = 1; i <= count; i++) {
			session.execute(SimpleStatement.newInstance("CREATE TABLE " + keyspace + "." + table(i) + " " + TABLE)
				.setNode(coordinator));
			PerNodeAgreement.await(session, AGREEMENT_TIMEOUT);
		}
	}

	private static String table(int i) {
		return String.format(Locale.ROOT, "t_%03d", i);
	}

	private static void pause() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** One way of applying the statements to a keyspace. */
	private record Contender(String name, Action action) {

	}

	/** Applies {@code count} statements to a keyspace. */
	@FunctionalInterface
	private interface Action {

		void apply(String keyspace, int count);

	}

}
