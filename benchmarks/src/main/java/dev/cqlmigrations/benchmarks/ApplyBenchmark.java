package dev.cqlmigrations.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
 * A fourth, diagnostic contender is loop (b) plus the engine's three history writes per
 * migration. Every run gets a fresh keyspace (created and dropped outside the timing), every
 * contender its own session with a request tracker, and the order of the contenders changes
 * with every repetition.
 */
final class ApplyBenchmark {

	static final double GOAL = 1.10;

	/** Goal at 30 migrations or fewer, where the once-per-run bootstrap weighs most. */
	static final double SMALL_RUN_GOAL = 1.15;

	private static final String TABLE = "(id uuid PRIMARY KEY, name text, created timestamp, tags set<text>)";

	private static final Duration AGREEMENT_TIMEOUT = Duration.ofSeconds(30);

	private final CassandraNode node;

	private final BenchmarkOptions options;

	private int keyspaces;

	private final int count;

	ApplyBenchmark(CassandraNode node, BenchmarkOptions options, int count) {
		this.node = node;
		this.options = options;
		this.count = count;
	}

	/**
	 * Runs the benchmark for every configured number of migrations and, for two or more, reports
	 * the marginal cost per migration between the smallest and the largest.
	 */
	static void runAll(CassandraNode node, BenchmarkOptions options, Report report) {
		List<double[]> medians = new ArrayList<>();
		for (int count : options.migrations()) {
			medians.add(new ApplyBenchmark(node, options, count).run(report));
		}
		int last = medians.size() - 1;
		if (last < 1) {
			return;
		}
		int small = options.migrations().get(0);
		int large = options.migrations().get(last);
		double[] slope = new double[medians.get(0).length];
		for (int i = 0; i < slope.length; i++) {
			slope[i] = (medians.get(last)[i] - medians.get(0)[i]) / (large - small);
		}
		report.row(new Report.Row("2m", "Apply, marginal cost per migration between N=" + small + " and N=" + large
				+ " (slope of the median run times): engine vs `checkSchemaAgreement()` loop",
				Samples.ms(slope[0]) + " ms", Samples.ms(slope[1]) + " ms",
				String.format(Locale.ROOT, "%.2f×", slope[0] / slope[1]), "≤ 1.05×",
				Report.verdict(slope[0] / slope[1], 1.05)));
		report.row(new Report.Row("2m-b", "Apply, marginal cost per migration between N=" + small + " and N="
				+ large + ": engine vs per-node `schema_version` loop", Samples.ms(slope[0]) + " ms",
				Samples.ms(slope[2]) + " ms", String.format(Locale.ROOT, "%.2f×", slope[0] / slope[2]), "—", "—"));
	}

	/** Runs all contenders; returns the median run time of each, in nanoseconds. */
	double[] run(Report report) {
		int count = this.count;
		System.out.println("[2] apply " + count + " CREATE TABLE migrations");
		List<Contender> contenders = new ArrayList<>();
		try (ScriptFiles scripts = scripts(count);
				CqlSession admin = Sessions.ddl(this.node, null)) {
			contenders.add(tracked("engine", count,
					(session, ks, n) -> engine(session, ks, scripts, n)));
			contenders.add(new Contender("checkSchemaAgreement() loop", Sessions.driverAgreement(this.node), null,
					count, ApplyBenchmark::driverLoop));
			contenders.add(tracked("per-node schema_version loop", count,
					(session, ks, n) -> perNodeLoop(session, ks, n, false)));
			contenders.add(tracked("per-node loop + the engine's 3 history writes (diagnostic)", count,
					(session, ks, n) -> perNodeLoop(session, ks, n, true)));
			// The node's DDL path needs hundreds of statements to warm up (seen: 12 ms -> 4 ms per CREATE TABLE).
			for (Contender contender : contenders) {
				timeOnFreshKeyspace(admin, contender, count, false);
			}
			Samples vsDriver = new Samples();
			Samples vsPerNode = new Samples();
			Samples vsDiagnostic = new Samples();
			for (int rep = 0; rep < this.options.applyRepetitions(); rep++) {
				double[] nanos = new double[contenders.size()];
				for (int index : order(rep, contenders.size())) {
					nanos[index] = timeOnFreshKeyspace(admin, contenders.get(index), count, true);
				}
				vsDriver.add(nanos[0] / nanos[1]);
				vsPerNode.add(nanos[0] / nanos[2]);
				vsDiagnostic.add(nanos[0] / nanos[3]);
				StringBuilder line = new StringBuilder("    rep " + (rep + 1) + ":");
				for (int i = 0; i < contenders.size(); i++) {
					line.append(String.format(Locale.ROOT, " %s %.0f ms (DDL median %s ms);", contenders.get(i).name,
							nanos[i] / 1e6, Samples.ms(contenders.get(i).lastDdlMedian)));
				}
				System.out.println(line);
			}
			String title = "Apply " + count + " × 1 `CREATE TABLE`, empty keyspace";
			double goal = (count <= 30) ? SMALL_RUN_GOAL : GOAL;
			String suffix = (this.options.migrations().size() > 1) ? "-N" + count : "";
			Samples engine = contenders.get(0).times;
			report.row(new Report.Row("2" + suffix, title + ": engine vs `checkSchemaAgreement()` loop",
					engine.millis(), contenders.get(1).times.millis(), vsDriver.ratio(), "≤ " + goal + "×",
					Report.verdict(vsDriver.median(), goal)));
			report.row(new Report.Row("2b" + suffix, title + ": engine vs per-node `schema_version` loop",
					engine.millis(), contenders.get(2).times.millis(), vsPerNode.ratio(), "≤ " + goal + "×",
					Report.verdict(vsPerNode.median(), goal)));
			report.row(new Report.Row("2c" + suffix, title + ": engine vs per-node loop + 3 raw history writes per "
					+ "migration (diagnostic)", engine.millis(), contenders.get(3).times.millis(),
					vsDiagnostic.ratio(), "—", "—"));
			report.detail(perMigration(count, contenders));
			StringBuilder profiles = new StringBuilder("Benchmark 2, request profile of the timed runs (driver "
					+ "RequestTracker; latency as the driver measured it):\n");
			for (Contender contender : contenders) {
				if (contender.profile != null) {
					profiles.append('\n').append(contender.profile.markdown());
				}
			}
			report.detail(profiles.toString());
			return contenders.stream().mapToDouble((contender) -> contender.times.median()).toArray();
		}
		finally {
			contenders.forEach((contender) -> contender.session.close());
		}
	}

	private Contender tracked(String name, int count, Action action) {
		RecordingTracker tracker = new RecordingTracker();
		return new Contender(name, Sessions.ddl(this.node, tracker), tracker, count, action);
	}

	/** Rotates the start for every repetition and reverses the order every other round. */
	static List<Integer> order(int rep, int size) {
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			order.add((i + rep) % size);
		}
		if ((rep / size) % 2 == 1) {
			Collections.reverse(order);
		}
		return order;
	}

	private static String perMigration(int count, List<Contender> contenders) {
		StringBuilder out = new StringBuilder("Benchmark 2, per migration (median run / " + count + "):");
		for (Contender contender : contenders) {
			out.append(String.format(Locale.ROOT, " %s %.2f ms;", contender.name,
					contender.times.median() / 1e6 / count));
		}
		out.append(String.format(Locale.ROOT, " engine minus per-node loop: %.2f ms per migration.",
				(contenders.get(0).times.median() - contenders.get(2).times.median()) / 1e6 / count));
		return out.toString();
	}

	private double timeOnFreshKeyspace(CqlSession admin, Contender contender, int count, boolean record) {
		String keyspace = "bench_apply_" + (++this.keyspaces);
		Keyspaces.create(admin, keyspace);
		admin.execute(RawHistoryWrites.createTableCql(keyspace));
		PerNodeAgreement.await(admin, AGREEMENT_TIMEOUT);
		RecordingTracker tracker = contender.tracker;
		if (tracker != null) {
			tracker.settledRequests();
			tracker.clear();
		}
		System.gc();
		try {
			double nanos = Comparison.time(() -> contender.action.apply(contender.session, keyspace, count));
			if (record) {
				contender.times.add(nanos);
				if (tracker != null) {
					contender.lastDdlMedian = contender.profile.addRun(nanos, tracker.settledRequests());
				}
			}
			return nanos;
		}
		finally {
			Keyspaces.drop(admin, keyspace);
			pause();
		}
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

	private static void perNodeLoop(CqlSession session, String keyspace, int count, boolean historyWrites) {
		Node coordinator = PerNodeAgreement.firstUpNode(session);
		RawHistoryWrites history = historyWrites ? RawHistoryWrites.prepare(session, keyspace) : null;
		for (int i = 1; i <= count; i++) {
			if (history != null) {
				history.started(i);
			}
			session.execute(SimpleStatement.newInstance("CREATE TABLE " + keyspace + "." + table(i) + " " + TABLE)
				.setNode(coordinator));
			PerNodeAgreement.await(session, AGREEMENT_TIMEOUT);
			if (history != null) {
				history.progressed(i);
				history.applied(i);
			}
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

	/** One way of applying the statements, on its own session. */
	private static final class Contender {

		final String name;

		final CqlSession session;

		final RecordingTracker tracker;

		final Action action;

		final Samples times = new Samples();

		final RequestProfile profile;

		double lastDdlMedian = Double.NaN;

		Contender(String name, CqlSession session, RecordingTracker tracker, int count, Action action) {
			this.name = name;
			this.session = session;
			this.tracker = tracker;
			this.action = action;
			this.profile = (tracker != null) ? new RequestProfile(name, count) : null;
		}

	}

	/** Applies {@code count} statements to a keyspace. */
	@FunctionalInterface
	private interface Action {

		void apply(CqlSession session, String keyspace, int count);

	}

}
