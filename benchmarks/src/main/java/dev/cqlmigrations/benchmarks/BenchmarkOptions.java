package dev.cqlmigrations.benchmarks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Command line options, all {@code --name=value}; every one has a default, so no argument is
 * needed. {@code --help} lists them.
 *
 * @param only which benchmarks to run: {@code noop,status,apply,loader,node}
 * @param repetitions repetitions of the timed comparisons (no-op start, status)
 * @param callsPerRepetition timed calls of each side per repetition (no-op start, status)
 * @param applyRepetitions repetitions of the apply comparison (each runs all four contenders)
 * @param migrations numbers of CREATE TABLE migrations of the apply benchmark, e.g. {@code 30,100}; with two
 *        or more, the marginal cost per migration between the first and the last is reported too
 * @param history number of applied migrations of the no-op and status benchmarks
 * @param loaderMegabytes size of the generated script set of the loading benchmark
 * @param nodeRuns node starts per heap size
 * @param nodeHeap heap of the node used by the no-op, status and apply benchmarks
 * @param nodeKind {@code test} (the test node's durability shortcuts) or {@code production} (none of them)
 * @param out file the Markdown results are written to, {@code null} for none
 * @param cliRepetitions repetitions of the command-line comparisons (two calls of each side each)
 * @param sampleJar the packaged sample jar, or the directory holding it
 */
record BenchmarkOptions(Set<String> only, int repetitions, int callsPerRepetition, int applyRepetitions,
		List<Integer> migrations, int history, int loaderMegabytes, int nodeRuns, String nodeHeap, String nodeKind,
		Path out, int cliRepetitions, Path sampleJar) {

	static final List<String> ALL = List.of("noop", "status", "apply", "loader", "node", "cli");

	private static final Map<String, String> DEFAULTS = defaults();

	private static Map<String, String> defaults() {
		Map<String, String> defaults = new LinkedHashMap<>();
		defaults.put("only", String.join(",", ALL));
		defaults.put("reps", "9");
		defaults.put("calls", "5");
		defaults.put("apply-reps", "10");
		defaults.put("migrations", "200");
		defaults.put("history", "1000");
		defaults.put("loader-mb", "10");
		defaults.put("node-runs", "3");
		defaults.put("node-heap", "512m");
		defaults.put("node-kind", "test");
		defaults.put("out", "");
		defaults.put("cli-reps", "5");
		defaults.put("sample-jar", "sample-app/target");
		return defaults;
	}

	static BenchmarkOptions parse(String[] args) {
		Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
		for (String arg : args) {
			if (arg.equals("--help") || arg.equals("-h")) {
				System.out.println("Options (--name=value): " + DEFAULTS);
				System.exit(0);
			}
			int equals = arg.indexOf('=');
			String name = arg.startsWith("--") && equals > 2 ? arg.substring(2, equals) : null;
			if (name == null || !values.containsKey(name)) {
				System.err.println("Unknown argument " + arg + "; options (--name=value): " + DEFAULTS);
				System.exit(2);
			}
			values.put(name, arg.substring(equals + 1));
		}
		Set<String> only = Set.of(values.get("only").split(","));
		for (String name : only) {
			if (!ALL.contains(name)) {
				System.err.println("Unknown benchmark " + name + "; known: " + ALL);
				System.exit(2);
			}
		}
		String nodeKind = values.get("node-kind");
		if (!nodeKind.equals("test") && !nodeKind.equals("production")) {
			System.err.println("Unknown node kind " + nodeKind + "; known: test, production");
			System.exit(2);
		}
		List<Integer> migrations = Stream.of(values.get("migrations").split(","))
			.map(String::trim)
			.map(Integer::parseInt)
			.toList();
		String out = values.get("out");
		return new BenchmarkOptions(only, number(values, "reps"), number(values, "calls"),
				number(values, "apply-reps"), migrations, number(values, "history"), number(values, "loader-mb"),
				number(values, "node-runs"), values.get("node-heap"), nodeKind, out.isBlank() ? null : Path.of(out),
				number(values, "cli-reps"), Path.of(values.get("sample-jar")));
	}

	private static int number(Map<String, String> values, String name) {
		return Integer.parseInt(values.get(name));
	}

	boolean runs(String benchmark) {
		return this.only.contains(benchmark);
	}

}
