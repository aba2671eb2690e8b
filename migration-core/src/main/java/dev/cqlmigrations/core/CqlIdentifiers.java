package dev.cqlmigrations.core;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keyspace and table names that reach CQL text. They are validated against the unquoted
 * identifier form Cassandra accepts for keyspaces and tables, never concatenated raw.
 */
final class CqlIdentifiers {

	private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,47}");

	private CqlIdentifiers() {
	}

	/**
	 * Validates a keyspace or table name and returns it in the lower-case form Cassandra uses.
	 * @param name the configured name
	 * @param setting the setting it came from, named in the error, e.g. {@code migrations.keyspace}
	 * @return the name, lower case
	 * @throws MigrationConfigurationException when the name is not a valid identifier
	 */
	public static String validName(String name, String setting) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new MigrationConfigurationException("Invalid " + setting + " '" + name + "': use a letter followed by "
					+ "up to 47 letters, digits or underscores (e.g. my_service).");
		}
		return name.toLowerCase(Locale.ROOT);
	}

	/**
	 * Quotes a value as a CQL string literal.
	 * @param value the value
	 * @return the literal, with single quotes doubled
	 */
	public static String literal(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

}
