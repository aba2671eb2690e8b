package dev.cqlmigrations.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import dev.cqlmigrations.core.CqlScriptSplitter;
import dev.cqlmigrations.core.MigrationLoader;
import dev.cqlmigrations.core.Placeholders;
import dev.cqlmigrations.core.ResolvedMigration;
import dev.cqlmigrations.core.ScriptScanner;

/**
 * Benchmark 4: parsing a large, realistic script set. Measures the whole
 * {@link MigrationLoader#load} (scan, read, split, placeholders, checksums) of files on disk, and
 * {@link CqlScriptSplitter#split} alone on the same texts already in memory. MB are 10^6 bytes
 * of UTF-8.
 */
final class LoaderBenchmark {

	private final BenchmarkOptions options;

	LoaderBenchmark(BenchmarkOptions options) {
		this.options = options;
	}

	void run(Report report) {
		System.out.println("[4] loading a " + this.options.loaderMegabytes() + " MB script set");
		try (ScriptFiles files = new ScriptFiles("bench-loader-")) {
			RealisticScripts.write(files, this.options.loaderMegabytes() * 1_000_000L);
			List<String[]> texts = readAll(files.directory);
			MigrationLoader loader = new MigrationLoader(new ScriptScanner(getClass().getClassLoader()),
					new Placeholders(RealisticScripts.PLACEHOLDERS));
			List<String> locations = List.of(files.location());
			int statements = countStatements(loader.load(locations, List.of()));
			double megabytes = files.bytes() / 1e6;
			Samples loadRates = new Samples();
			Samples splitRates = new Samples();
			Samples loadNanos = new Samples();
			Samples splitNanos = new Samples();
			for (int i = 0; i < 3; i++) {
				loader.load(locations, List.of());
				splitAll(texts);
			}
			for (int rep = 0; rep < this.options.repetitions(); rep++) {
				double load = Comparison.time(() -> loader.load(locations, List.of()));
				double split = Comparison.time(() -> splitAll(texts));
				loadNanos.add(load);
				splitNanos.add(split);
				loadRates.add(megabytes / (load / 1e9));
				splitRates.add(megabytes / (split / 1e9));
			}
			String set = String.format(Locale.ROOT, "%.1f MB, %d files, %d statements", megabytes, files.count(),
					statements);
			report.row(new Report.Row("4", "Load " + set + ": `MigrationLoader.load` (files on disk)",
					loadRates.plain("%.1f") + " MB/s; " + rate(statements, loadNanos) + " statements/s; "
							+ loadNanos.millis(),
					"—", "—", "—", "—"));
			report.row(new Report.Row("4b", "Split the same texts in memory: `CqlScriptSplitter.split`",
					splitRates.plain("%.1f") + " MB/s; " + rate(statements, splitNanos) + " statements/s; "
							+ splitNanos.millis(),
					"—", "—", "—", "—"));
		}
	}

	private static String rate(int statements, Samples nanos) {
		return String.format(Locale.ROOT, "%,.0f", statements / (nanos.median() / 1e9));
	}

	private static int countStatements(List<ResolvedMigration> migrations) {
		return migrations.stream().mapToInt((migration) -> migration.statements().size()).sum();
	}

	private static int splitAll(List<String[]> texts) {
		int statements = 0;
		for (String[] text : texts) {
			statements += CqlScriptSplitter.split(text[0], text[1]).size();
		}
		return statements;
	}

	private static List<String[]> readAll(Path directory) {
		List<String[]> texts = new ArrayList<>();
		try (Stream<Path> paths = Files.list(directory)) {
			for (Path path : paths.sorted().toList()) {
				texts.add(new String[] { path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8) });
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return texts;
	}

}
