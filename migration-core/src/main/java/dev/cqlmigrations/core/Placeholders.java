package dev.cqlmigrations.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${name}} in statements with configured values, so that one script serves
 * several environments (keyspace names, replication maps). Placeholders inside string literals
 * are replaced too, since replication maps are strings. There is no escape syntax.
 */
public final class Placeholders {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}\\n]*)}");

	private final Map<String, String> values;

	/**
	 * Creates a new instance.
	 * @param values the value of each placeholder, by name; {@code null} for none
	 */
	public Placeholders(Map<String, String> values) {
		Map<String, String> copy = new LinkedHashMap<>();
		if (values != null) {
			values.forEach((name, value) -> copy.put(name, (value != null) ? value : ""));
		}
		this.values = Collections.unmodifiableMap(copy);
	}

	/**
	 * The names of the defined placeholders.
	 * @return the names
	 */
	public Set<String> names() {
		return this.values.keySet();
	}

	/**
	 * The placeholders a statement uses, with their values.
	 * @param statement the statement, before {@link #replace}
	 * @return the defined values by name, in order of first use; empty when it uses none
	 */
	public Map<String, String> valuesIn(CqlStatement statement) {
		Map<String, String> used = new LinkedHashMap<>();
		Matcher matcher = PLACEHOLDER.matcher(statement.cql());
		while (matcher.find()) {
			String name = matcher.group(1).trim();
			String value = this.values.get(name);
			if (value != null) {
				used.put(name, value);
			}
		}
		return used;
	}

	/**
	 * Replaces the placeholders of one statement.
	 * @param scriptName the script's name, used in error messages
	 * @param statement the statement
	 * @return the statement with every placeholder replaced, at the same position
	 * @throws MigrationScriptException when the statement uses a placeholder that is not defined
	 */
	public CqlStatement replace(String scriptName, CqlStatement statement) {
		String cql = statement.cql();
		Matcher matcher = PLACEHOLDER.matcher(cql);
		if (!matcher.find()) {
			return statement;
		}
		StringBuilder result = new StringBuilder(cql.length());
		do {
			String name = matcher.group(1).trim();
			String value = this.values.get(name);
			if (value == null) {
				throw unknown(scriptName, statement, matcher.start(), name);
			}
			matcher.appendReplacement(result, Matcher.quoteReplacement(value));
		}
		while (matcher.find());
		matcher.appendTail(result);
		return new CqlStatement(result.toString(), statement.line(), statement.column());
	}

	private MigrationScriptException unknown(String scriptName, CqlStatement statement, int offset, String name) {
		String cql = statement.cql();
		int lineBreaks = 0;
		int lineStart = -1;
		for (int i = 0; i < offset; i++) {
			if (cql.charAt(i) == '\n') {
				lineBreaks++;
				lineStart = i;
			}
		}
		int column = (lineBreaks == 0) ? statement.column() + offset : offset - lineStart;
		String defined = this.values.isEmpty() ? "none is defined"
				: "defined: " + String.join(", ", new TreeSet<>(this.values.keySet()));
		String problem = name.isEmpty() ? "empty placeholder ${}; write ${name} and define migrations.placeholders.name"
				: "unknown placeholder ${" + name + "}; define migrations.placeholders." + name
						+ " (e.g. in application.yml) or remove it from the script";
		return new MigrationScriptException(scriptName, statement.line() + lineBreaks, column,
				problem + " (" + defined + ")");
	}

}
