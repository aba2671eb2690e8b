package dev.cqlmigrations.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.cqlmigrations.test.ForkedCassandraNode;
import dev.cqlmigrations.test.NodeOptions;

/**
 * Benchmark 5: starting the embedded node. Time from {@link ForkedCassandraNode#start} to its
 * return (the node answered a CQL query through a fresh driver session), and the node process's
 * resident memory right then, per heap size; runs of the heap sizes alternate.
 */
final class NodeStartBenchmark {

	/** Heap sizes, each with and without the class-data sharing archive ("-nocds"), alternating. */
	private static final List<String> HEAPS = List.of("256m", "256m-nocds", "1g", "1g-nocds");

	private final BenchmarkOptions options;

	NodeStartBenchmark(BenchmarkOptions options) {
		this.options = options;
	}

	void run(Report report) {
		System.out.println("[5] embedded node start, heaps " + HEAPS);
		Map<String, Samples> seconds = new LinkedHashMap<>();
		Map<String, Samples> rss = new LinkedHashMap<>();
		Map<String, Samples> settledRss = new LinkedHashMap<>();
		for (String heap : HEAPS) {
			seconds.put(heap, new Samples());
			rss.put(heap, new Samples());
			settledRss.put(heap, new Samples());
		}
		for (int run = 0; run < this.options.nodeRuns(); run++) {
			for (int i = 0; i < HEAPS.size(); i++) {
				String heap = HEAPS.get((run % 2 == 0) ? i : HEAPS.size() - 1 - i);
				System.setProperty("cqlmigrations.node.cds", Boolean.toString(!heap.endsWith("-nocds")));
				long start = System.nanoTime();
				try (ForkedCassandraNode node = ForkedCassandraNode
					.start(BenchmarkMain.patient(NodeOptions.defaults().withHeap(heap.replace("-nocds", ""))))) {
					double elapsed = (System.nanoTime() - start) / 1e9;
					double ready = ProcessMemory.megabytes(node.pid(), "VmRSS");
					sleep(5000);
					double settled = ProcessMemory.megabytes(node.pid(), "VmRSS");
					seconds.get(heap).add(elapsed);
					rss.get(heap).add(ready);
					settledRss.get(heap).add(settled);
					System.out.printf(Locale.ROOT, "    -Xmx%s: CQL-ready in %.2f s, RSS %.0f MB at ready, %.0f MB "
							+ "5 s later%n", heap, elapsed, ready, settled);
				}
			}
		}
		System.clearProperty("cqlmigrations.node.cds");
		for (String heap : HEAPS) {
			report.row(new Report.Row("5-" + heap, "Embedded node start, `-Xmx" + heap.replace("-nocds", "`, without "
					+ "the AppCDS archive") + (heap.endsWith("-nocds") ? "" : "`") + ", "
					+ this.options.nodeRuns() + " runs",
					seconds.get(heap).plain("%.2f") + " s to CQL-ready; RSS " + rss.get(heap).plain("%.0f")
							+ " MB at ready, " + settledRss.get(heap).plain("%.0f") + " MB 5 s later",
					"—", "—", "—", "—"));
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
