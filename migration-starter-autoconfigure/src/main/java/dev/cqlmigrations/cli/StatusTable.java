package dev.cqlmigrations.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

import dev.cqlmigrations.core.MigrationInfo;
import dev.cqlmigrations.core.MigrationState;
import dev.cqlmigrations.core.StatusReport;

/**
 * Formats a {@link StatusReport} as the table of {@code migrate status}: one row per migration,
 * then the summary line {@code Total: 7 | Applied: 5 | Pending: 2 | Failed: 0}, then what
 * validation would reject and who holds the lock, when anything.
 */
public final class StatusTable {

	private static final DateTimeFormatter APPLIED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private static final String[] HEADERS = { "Version", "Description", "Type", "State", "Applied at (UTC)",
			"Execution time" };

	private StatusTable() {
	}

	/**
	 * Formats the report.
	 * @param report the status
	 * @param lockHolder who holds the migration lock, {@code null} when nobody
	 * @return the text, ending with a line break
	 */
	public static String format(StatusReport report, @Nullable String lockHolder) {
		StringBuilder text = new StringBuilder();
		text.append("Keyspace ").append(report.keyspace()).append(": ")
			.append((report.currentVersion() != null) ? "version " + report.currentVersion() : "no version applied")
			.append('\n');
		if (report.migrations().isEmpty()) {
			text.append("No migrations found.\n");
		}
		else {
			List<String[]> rows = new ArrayList<>();
			report.migrations().forEach((info) -> rows.add(row(info)));
			table(text, rows);
		}
		text.append(summary(report)).append('\n');
		String others = others(report);
		if (!others.isEmpty()) {
			text.append(others).append('\n');
		}
		if (!report.problems().isEmpty()) {
			text.append("Validation would fail:\n");
			report.problems().forEach((problem) -> text.append(" - ").append(problem).append('\n'));
		}
		if (lockHolder != null) {
			text.append("The migration lock is held by ").append(lockHolder).append('\n');
		}
		return text.toString();
	}

	/**
	 * The summary line. Applied counts applied migrations and the baseline; pending counts what the
	 * next {@code up} runs apart from failed migrations, which have their own count.
	 * @param report the status
	 * @return e.g. {@code Total: 7 | Applied: 5 | Pending: 2 | Failed: 0}
	 */
	public static String summary(StatusReport report) {
		return "Total: " + report.migrations().size() + " | Applied: " + applied(report) + " | Pending: "
				+ pending(report) + " | Failed: " + failed(report);
	}

	static int applied(StatusReport report) {
		return report.count(MigrationState.APPLIED) + report.count(MigrationState.BASELINE);
	}

	static int pending(StatusReport report) {
		return report.count(MigrationState.PENDING) + report.count(MigrationState.ROLLED_BACK)
				+ report.count(MigrationState.IN_PROGRESS);
	}

	static int failed(StatusReport report) {
		return report.count(MigrationState.FAILED) + report.count(MigrationState.ROLLBACK_FAILED);
	}

	// States the summary line folds into its counts or leaves out, named so that nothing is hidden.
	private static String others(StatusReport report) {
		StringJoiner others = new StringJoiner(" | ");
		for (MigrationState state : new MigrationState[] { MigrationState.IN_PROGRESS, MigrationState.ROLLED_BACK,
				MigrationState.ROLLBACK_FAILED, MigrationState.MISSING, MigrationState.OUT_OF_ORDER,
				MigrationState.BELOW_BASELINE }) {
			int count = report.count(state);
			if (count > 0) {
				others.add(label(state) + ": " + count);
			}
		}
		return (others.length() > 0) ? "By state: " + others : "";
	}

	private static String label(MigrationState state) {
		String name = state.name().toLowerCase(Locale.ROOT).replace('_', ' ');
		return Character.toUpperCase(name.charAt(0)) + name.substring(1);
	}

	private static String[] row(MigrationInfo info) {
		String state = info.state().name() + (info.checksumDrift() ? " (script changed)" : "");
		// A failed or unfinished run applied nothing: no time to show.
		boolean applied = info.appliedAt() != null && info.state() != MigrationState.FAILED
				&& info.state() != MigrationState.IN_PROGRESS;
		return new String[] { info.version(), info.description(), info.type().name(), state,
				applied ? formatInstant(info.appliedAt()) : "",
				(applied && info.executionMillis() != null && info.state() != MigrationState.BASELINE)
						? info.executionMillis() + " ms" : "" };
	}

	private static String formatInstant(Instant instant) {
		return APPLIED_AT.format(instant);
	}

	private static void table(StringBuilder text, List<String[]> rows) {
		int[] widths = new int[HEADERS.length];
		for (int i = 0; i < HEADERS.length; i++) {
			widths[i] = HEADERS[i].length();
		}
		for (String[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		String rule = rule(widths);
		text.append(rule);
		line(text, HEADERS, widths);
		text.append(rule);
		rows.forEach((row) -> line(text, row, widths));
		text.append(rule);
	}

	private static String rule(int[] widths) {
		StringBuilder rule = new StringBuilder("+");
		for (int width : widths) {
			rule.append("-".repeat(width + 2)).append('+');
		}
		return rule.append('\n').toString();
	}

	private static void line(StringBuilder text, String[] cells, int[] widths) {
		text.append('|');
		for (int i = 0; i < cells.length; i++) {
			text.append(' ').append(cells[i]).append(" ".repeat(widths[i] - cells[i].length())).append(" |");
		}
		text.append('\n');
	}

}
