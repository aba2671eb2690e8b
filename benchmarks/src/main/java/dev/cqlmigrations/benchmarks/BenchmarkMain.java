package dev.cqlmigrations.benchmarks;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;

import dev.cqlmigrations.test.ForkedCassandraNode;
import dev.cqlmigrations.test.NodeOptions;

/**
 * Runs the benchmarks and prints a Markdown table of the results: script loading and node start
 * first (no other node running), then a forked node for the no-op start, status and apply
 * benchmarks. Options: {@code --help}.
 */
public final class BenchmarkMain {

	private BenchmarkMain() {
	}

	/**
	 * Runs the benchmarks.
	 * @param args options, {@code --name=value}
	 * @throws Exception when a benchmark fails
	 */
	public static void main(String[] args) throws Exception {
		BenchmarkOptions options = BenchmarkOptions.parse(args);
		Report report = new Report();
		long start = System.nanoTime();
		report.note(String.format(Locale.ROOT, "Run of %s: %d cores visible to the JVM, Java %s, %s %s; load "
				+ "average at start %s.", LocalDate.now(), Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"),
				ProcessMemory.loadAverage()));
		if (options.runs("loader")) {
			new LoaderBenchmark(options).run(report);
		}
		if (options.runs("node")) {
			new NodeStartBenchmark(options).run(report);
		}
		if (options.runs("noop") || options.runs("status") || options.runs("apply") || options.runs("cli")) {
			runOnNode(options, report);
		}
		report.note(String.format(Locale.ROOT, "Whole run %.0f s; load average at end %s.",
				(System.nanoTime() - start) / 1e9, ProcessMemory.loadAverage()));
		report.print(System.out, options.out());
	}

	/**
	 * The options with a start timeout of 10 minutes: on a shared machine under heavy load a node
	 * start was seen to take more than the default 2 minutes.
	 */
	static NodeOptions patient(NodeOptions options) {
		return new NodeOptions(options.address(), options.nativePort(), options.storagePort(), options.heap(),
				options.authentication(), options.clusterName(), options.seeds(), options.initialToken(),
				options.jmxPort(), options.directory(), Duration.ofMinutes(10), options.datacenter());
	}

	private static void runOnNode(BenchmarkOptions options, Report report) {
		boolean production = options.nodeKind().equals("production");
		System.out.println("Starting the benchmark node (-Xmx" + options.nodeHeap() + ", " + options.nodeKind() + ")");
		System.setProperty(ForkedCassandraNode.TEST_FLAGS_PROPERTY, Boolean.toString(!production));
		// A production-configured node flushes every system table while it starts: give it time on a busy machine.
		try (ForkedCassandraNode node = ForkedCassandraNode.start(patient(NodeOptions.defaults()
			.withHeap(options.nodeHeap())))) {
			report.note("Node for benchmarks 1–3: Cassandra 5.0 in a forked JVM (ForkedCassandraNode, -Xmx"
					+ options.nodeHeap() + ", " + (production ? "production-configured: none of the test-node flags "
							+ "skip_sync, unsafesystem, test.flush_local_schema_changes=false, so every schema change "
							+ "is flushed; commitlog_sync periodic 10 s, Cassandra's default"
							: "test-node flags: skip_sync, unsafesystem, no flush per schema change")
					+ ", authentication on).");
			if (options.runs("noop") || options.runs("status")) {
				try (HistoryFixture fixture = HistoryFixture.create(node, options.history(), report)) {
					if (options.runs("noop")) {
						new NoopStartBenchmark(node, fixture, options).run(report);
					}
					if (options.runs("status")) {
						new StatusBenchmark(node, fixture, options).run(report);
					}
				}
			}
			if (options.runs("apply")) {
				ApplyBenchmark.runAll(node, options, report);
			}
			if (options.runs("cli")) {
				new CliBenchmark(node, options).run(report);
			}
		}
	}

}
