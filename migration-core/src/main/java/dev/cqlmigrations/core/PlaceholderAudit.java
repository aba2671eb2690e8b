package dev.cqlmigrations.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The placeholder values a run used, as its audit lines record them: written when a migration
 * starts, read back when it resumes, so that a changed value explains why it cannot resume.
 * Secrets are masked, never recorded.
 */
final class PlaceholderAudit {

	private static final String PLACEHOLDER_AUDIT = "PLACEHOLDER ";

	private static final String SECRET_MASK = "******";

	// "<instant> PLACEHOLDER ${name}='value' by <installed by>", as HistoryEntry writes it.
	private static final Pattern PLACEHOLDER_LINE = Pattern
		.compile("\\S+ " + PLACEHOLDER_AUDIT + "\\$\\{([^}]*)}='(.*)' by .*", Pattern.DOTALL);

	private PlaceholderAudit() {
	}

	/**
	 * Explains a mismatch of the statements that ran when the script itself is unchanged: then only
	 * a placeholder value can have changed.
	 * @return the rest of the problem sentence, or {@code null} when that is not the cause
	 */
	static @Nullable String changedSince(ResolvedMigration disk, HistoryEntry entry, int done) {
		Map<String, String> now = disk.placeholdersOf(done);
		if (done > disk.statements().size() || now.isEmpty() || entry.checksum() == null
				|| !entry.checksum().equals(disk.checksum())) {
			return null;
		}
		Map<String, String> then = recorded(entry.audit());
		List<String> changes = new ArrayList<>();
		List<String> names = new ArrayList<>();
		now.forEach((placeholder, value) -> {
			String old = then.get(placeholder);
			if (isSecret(placeholder)) {
				// Its value is never recorded nor shown, so it can only be a suspect.
				names.add(placeholder);
				changes.add("${" + placeholder + "} may have changed (a secret: its values are not shown)");
			}
			else if (old == null || !old.equals(value)) {
				names.add(placeholder);
				changes.add("${" + placeholder + "} " + ((old != null) ? "was '" + old + "' in that run and " : "")
						+ "is '" + value + "' now");
			}
		});
		if (changes.isEmpty()) {
			return null;
		}
		String ran = (done == 1) ? "statement 1" : "statements 1-" + done;
		CqlStatement first = disk.statements().get(0);
		String oneLine = first.cql().replaceAll("\\s+", " ");
		return " stopped after " + ran + " of " + entry.statementsTotal() + " in an earlier run; the script is "
				+ "unchanged, but a placeholder value changed since that run: " + String.join(", ", changes)
				+ (then.isEmpty() ? " (the values of that run are not recorded)" : "") + ". " + capitalized(ran)
				+ " ran with the old value (statement 1, line " + first.line()
				+ (names.stream().anyMatch(PlaceholderAudit::isSecret) ? ""
						: ", now reads: " + ((oneLine.length() > 120) ? oneLine.substring(0, 120) + "..." : oneLine))
				+ "), so resuming with the "
				+ "new one would mix both. To resume, set " + properties(names, then) + " and run again: it "
				+ "continues at statement " + (done + 1) + ". To use the new value instead, undo by hand what " + ran
				+ " did with the old value, then run 'migrate repair' (the migration then runs again from statement "
				+ "1).";
	}

	private static String properties(List<String> names, Map<String, String> then) {
		List<String> settings = new ArrayList<>();
		for (String name : names) {
			String old = isSecret(name) ? null : then.get(name);
			settings.add("migrations.placeholders." + name
					+ ((old != null) ? " back to '" + old + "'" : " back to the value of that run"));
		}
		return String.join(", ", settings);
	}

	private static String capitalized(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	/**
	 * The audit event recording a placeholder value used by a run.
	 * @param name the placeholder
	 * @param value its value
	 * @return the event text
	 */
	static String event(String name, String value) {
		return PLACEHOLDER_AUDIT + "${" + name + "}='" + (isSecret(name) ? SECRET_MASK : value) + "'";
	}

	/**
	 * Whether a placeholder's name says it holds a secret (a role's password, say), whose value must
	 * never reach the history or a message. Names ending like Spring Boot's sanitized keys.
	 * @param name the placeholder
	 * @return whether its value is masked
	 */
	static boolean isSecret(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.endsWith("password") || lower.endsWith("secret") || lower.endsWith("key")
				|| lower.endsWith("token") || lower.contains("credential");
	}

	/** The values recorded by the latest run, by name; a later line wins over an earlier one. */
	static Map<String, String> recorded(@Nullable List<String> audit) {
		Map<String, String> values = new TreeMap<>();
		if (audit == null) {
			return values;
		}
		for (String line : audit) {
			Matcher matcher = PLACEHOLDER_LINE.matcher(line);
			if (matcher.matches()) {
				values.put(matcher.group(1), matcher.group(2));
			}
		}
		return values;
	}

}
