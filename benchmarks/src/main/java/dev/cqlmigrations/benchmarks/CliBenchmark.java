package dev.cqlmigrations.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.cqlmigrations.test.CassandraNode;

/**
 * Benchmark 6: the command line as a user runs it, one process per call, against two baselines
 * launched from the same jar through Spring Boot's launcher ({@code PropertiesLauncher} with
 * {@code loader.main}): a trivial main ({@code migrate help}, {@code migrate create}) and a main
 * that opens a driver session and reads the history partition (a no-op {@code migrate status} and
 * {@code migrate up}). The jar is the packaged sample; its own migrations are applied once,
 * untimed, before the no-op runs. Each pair runs interleaved, the side going first alternating.
 */
final class CliBenchmark {

	static final double LAUNCH_GOAL = 2.0;

	static final double NOOP_GOAL = 1.2;

	private static final String TRIVIAL_MAIN = "dev.cqlmigrations.sample.baseline.TrivialMain";

	private static final String HISTORY_READ_MAIN = "dev.cqlmigrations.sample.baseline.HistoryReadMain";

	private final CassandraNode node;

	private final BenchmarkOptions options;

	private final Path jar;

	private final Path work;

	CliBenchmark(CassandraNode node, BenchmarkOptions options) {
		this.node = node;
		this.options = options;
		this.jar = sampleJar(options.sampleJar());
		try {
			this.work = Files.createTempDirectory("cli-benchmark");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void run(Report report) {
		String keyspace = "bench_cli";
		List<String> spring = List.of("--spring.cassandra.contact-points=" + this.node.contactPointText(),
				"--spring.cassandra.local-datacenter=" + this.node.localDatacenter(),
				"--spring.cassandra.username=" + this.node.username(),
				"--spring.cassandra.password=" + this.node.password(), "--sample.keyspace=" + keyspace);
		System.out.println("[6] command line, " + this.jar.getFileName() + ": applying the sample's migrations");
		run(concat(List.of("-jar", this.jar.toString(), "migrate", "up"), spring));
		List<String> reader = concat(List.of("-Dloader.main=" + HISTORY_READ_MAIN, "-cp", this.jar.toString(),
				"org.springframework.boot.loader.launch.PropertiesLauncher", this.node.contactPointText(),
				this.node.localDatacenter(), this.node.username(), this.node.password(),
				keyspace + "_migrations.migration_history"), List.of());
		List<String> trivial = List.of("-Dloader.main=" + TRIVIAL_MAIN, "-cp", this.jar.toString(),
				"org.springframework.boot.loader.launch.PropertiesLauncher");
		int[] created = { 0 };
		compare(report, "6a", "`migrate help` vs trivial main", () -> run(List.of("-jar", this.jar.toString(),
				"migrate", "help")), () -> run(trivial), LAUNCH_GOAL);
		compare(report, "6b", "`migrate create NAME` vs trivial main", () -> run(List.of("-jar",
				this.jar.toString(), "migrate", "create", "x", "--dir", this.work.resolve("c" + created[0]++)
					.toString())), () -> run(trivial), LAUNCH_GOAL);
		compare(report, "6c", "no-op `migrate status` vs session + history read",
				() -> run(concat(List.of("-jar", this.jar.toString(), "migrate", "status"), spring)),
				() -> run(reader), NOOP_GOAL);
		compare(report, "6d", "no-op `migrate up` vs session + history read",
				() -> run(concat(List.of("-jar", this.jar.toString(), "migrate", "up"), spring)), () -> run(reader),
				NOOP_GOAL);
	}

	private void compare(Report report, String order, String what, Runnable command, Runnable baseline,
			double goal) {
		System.out.println("[" + order + "] " + what);
		Comparison comparison = Comparison.measure(command, baseline, 1, this.options.cliRepetitions(), 2);
		double ratio = comparison.ratios.median();
		report.row(new Report.Row(order, "Command line, one process per call: " + what, comparison.engine.millis(),
				comparison.baseline.millis(), comparison.ratios.ratio(), "≤ " + goal + "×",
				Report.verdict(ratio, goal)));
	}

	/** Runs {@code java <args>} as a short-lived command-line process does, and checks it succeeded. */
	private String run(List<String> args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// As the integration tests run the jar: a short-lived process, no optimizing compiler.
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-Xmx384m");
		command.addAll(args);
		try {
			Path out = Files.createTempFile(this.work, "run", ".out");
			Process process = new ProcessBuilder(command).directory(this.work.toFile())
				.redirectErrorStream(true)
				.redirectOutput(out.toFile())
				.start();
			if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(out));
			}
			String output = Files.readString(out, StandardCharsets.UTF_8);
			Files.delete(out);
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	private static Path sampleJar(Path location) {
		if (Files.isRegularFile(location)) {
			return location.toAbsolutePath();
		}
		try (Stream<Path> files = Files.list(location)) {
			return files.filter((file) -> file.getFileName().toString().matches("sample-app-.*\\.jar"))
				.filter((file) -> !file.getFileName().toString().endsWith("-plain.jar"))
				.max(Comparator.comparing(Path::toString))
				.orElseThrow(() -> new IllegalStateException("No sample-app jar in " + location + ": build it with "
						+ "mvn -B -q -pl sample-app -am -DskipTests package, or pass --sample-jar=<path>"))
				.toAbsolutePath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + location + " (--sample-jar)", ex);
		}
	}

}
