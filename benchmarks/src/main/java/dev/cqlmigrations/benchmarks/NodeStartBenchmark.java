package dev.cqlmigrations.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.datastax.oss.driver.api.core.CqlSession;

import dev.cqlmigrations.test.ForkedCassandraNode;
import dev.cqlmigrations.test.NodeOptions;

/**
 * Benchmark 5: starting the embedded node. Time from {@link ForkedCassandraNode#start} to its
 * return (the node answered a CQL query through a fresh driver session), the CPU time the node
 * process used until then, its resident memory right then, 5 s later, and after a typical test
 * load ({@value #TABLES} tables created, {@value #ROWS} rows written and read in each), per heap
 * size; runs of the heap sizes alternate.
 */
final class NodeStartBenchmark {

	/** Heap sizes, each with and without the class-data sharing archive ("-nocds"), alternating. */
	private static final List<String> HEAPS = List.of("256m", "256m-nocds", "1g", "1g-nocds");

	private static final int TABLES = 50;

	private static final int ROWS = 20;

	private final BenchmarkOptions options;

	NodeStartBenchmark(BenchmarkOptions options) {
		this.options = options;
	}

	void run(Report report) {
		System.out.println("[5] embedded node start, heaps " + HEAPS);
		Map<String, Samples> seconds = new LinkedHashMap<>();
		Map<String, Samples> rss = new LinkedHashMap<>();
		Map<String, Samples> settledRss = new LinkedHashMap<>();
		Map<String, Samples> cpu = new LinkedHashMap<>();
		Map<String, Samples> loadedRss = new LinkedHashMap<>();
		for (String heap : HEAPS) {
			seconds.put(heap, new Samples());
			rss.put(heap, new Samples());
			settledRss.put(heap, new Samples());
			cpu.put(heap, new Samples());
			loadedRss.put(heap, new Samples());
		}
		for (int run = 0; run < this.options.nodeRuns(); run++) {
			for (int i = 0; i < HEAPS.size(); i++) {
				String heap = HEAPS.get((run % 2 == 0) ? i : HEAPS.size() - 1 - i);
				System.setProperty("cqlmigrations.node.cds", Boolean.toString(!heap.endsWith("-nocds")));
				long start = System.nanoTime();
				try (ForkedCassandraNode node = ForkedCassandraNode
					.start(BenchmarkMain.patient(NodeOptions.defaults().withHeap(heap.replace("-nocds", ""))))) {
					double elapsed = (System.nanoTime() - start) / 1e9;
					double cpuSeconds = ProcessMemory.cpuSeconds(node.pid());
					double ready = ProcessMemory.megabytes(node.pid(), "VmRSS");
					sleep(5000);
					double settled = ProcessMemory.megabytes(node.pid(), "VmRSS");
					testLoad(node);
					double loaded = ProcessMemory.megabytes(node.pid(), "VmRSS");
					seconds.get(heap).add(elapsed);
					cpu.get(heap).add(cpuSeconds);
					rss.get(heap).add(ready);
					settledRss.get(heap).add(settled);
					loadedRss.get(heap).add(loaded);
					System.out.printf(Locale.ROOT, "    -Xmx%s: CQL-ready in %.2f s (node CPU %.2f s), RSS %.0f MB at "
							+ "ready, %.0f MB 5 s later, %.0f MB after %d tables (load %s)%n", heap, elapsed, cpuSeconds,
							ready, settled, loaded, TABLES, ProcessMemory.loadAverage());
				}
			}
		}
		System.clearProperty("cqlmigrations.node.cds");
		for (String heap : HEAPS) {
			report.row(new Report.Row("5-" + heap, "Embedded node start, `-Xmx" + heap.replace("-nocds", "`, without "
					+ "the AppCDS archive") + (heap.endsWith("-nocds") ? "" : "`") + ", "
					+ this.options.nodeRuns() + " runs",
					seconds.get(heap).plain("%.2f") + " s to CQL-ready (node CPU " + cpu.get(heap).plain("%.2f")
							+ " s); RSS " + rss.get(heap).plain("%.0f") + " MB at ready, "
							+ settledRss.get(heap).plain("%.0f") + " MB 5 s later, " + loadedRss.get(heap).plain("%.0f")
							+ " MB after " + TABLES + " tables",
					"—", "—", "—", "—"));
		}
	}

	/** What a test class typically does to the shared node: tables, a few rows each, reads. */
	private static void testLoad(ForkedCassandraNode node) {
		try (CqlSession session = Sessions.ddl(node, null)) {
			session.execute("CREATE KEYSPACE bench_node_load WITH replication = "
					+ "{'class': 'SimpleStrategy', 'replication_factor': 1}");
			for (int table = 0; table < TABLES; table++) {
				String name = "bench_node_load.t" + table;
				session.execute("CREATE TABLE " + name + " (id int PRIMARY KEY, name text, count int)");
				for (int row = 0; row < ROWS; row++) {
					session.execute("INSERT INTO " + name + " (id, name, count) VALUES (" + row + ", 'row', 1)");
				}
				session.execute("SELECT * FROM " + name);
			}
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
