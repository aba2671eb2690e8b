package dev.cqlmigrations.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The results of a run: one Markdown table row per measured figure, plus free-form detail
 * sections (round-trip profiles, per-run values) printed after the table.
 */
final class Report {

	private final List<Row> rows = new ArrayList<>();

	private final List<String> details = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	/**
	 * One row of the results table.
	 * @param order sort key (benchmark number)
	 * @param benchmark what was measured
	 * @param engine the engine's figure
	 * @param baseline the limit or baseline it is compared with
	 * @param ratio engine / baseline, median and spread of the per-repetition ratios
	 * @param goal the goal, or "—"
	 * @param met whether the goal was met, or "—"
	 */
	record Row(String order, String benchmark, String engine, String baseline, String ratio, String goal,
			String met) {

	}

	synchronized void row(Row row) {
		this.rows.add(row);
		System.out.println("  => " + row.benchmark() + ": " + row.engine() + " | " + row.baseline() + " | "
				+ row.ratio() + " | goal " + row.goal() + " " + row.met());
	}

	synchronized void detail(String markdown) {
		this.details.add(markdown);
	}

	synchronized void note(String line) {
		this.notes.add(line);
	}

	String markdown() {
		StringBuilder out = new StringBuilder();
		for (String note : this.notes) {
			out.append("- ").append(note).append('\n');
		}
		out.append('\n');
		out.append("| # | Benchmark | Engine | Limit / baseline | Ratio, median (min–max) | Goal | Met |\n");
		out.append("|---|---|---|---|---|---|---|\n");
		List<Row> sorted = new ArrayList<>(this.rows);
		sorted.sort(Comparator.comparing(Row::order));
		for (Row row : sorted) {
			out.append("| ")
				.append(String.join(" | ", row.order(), row.benchmark(), row.engine(), row.baseline(), row.ratio(),
						row.goal(), row.met()))
				.append(" |\n");
		}
		for (String detail : this.details) {
			out.append('\n').append(detail.strip()).append('\n');
		}
		return out.toString();
	}

	void print(PrintStream out, Path file) throws IOException {
		String markdown = markdown();
		out.println();
		out.println(markdown);
		if (file != null) {
			Files.writeString(file, markdown, StandardCharsets.UTF_8);
			out.println("Results written to " + file.toAbsolutePath());
		}
	}

	static String verdict(double ratio, double goal) {
		return (ratio <= goal) ? "yes" : "**no**";
	}

}
