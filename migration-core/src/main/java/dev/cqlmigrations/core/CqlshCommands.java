package dev.cqlmigrations.core;

import java.util.Map;

/**
 * The commands of the {@code cqlsh} shell, which are not CQL: the server rejects them. Knows each
 * one by its first word, and what to write instead.
 */
final class CqlshCommands {

	private static final String DISPLAY_ONLY = "a cqlsh display setting that has no meaning outside cqlsh; "
			+ "remove it";

	/** The first word of each cqlsh shell command, and what to do instead. */
	private static final Map<String, String> CQLSH_COMMANDS = Map.ofEntries(
			Map.entry("CONSISTENCY", "the engine reads and writes its history at migrations.consistency.* and runs "
					+ "schema changes at its own level; remove the line"),
			Map.entry("SERIAL", "the engine takes its lock at migrations.consistency.serial; remove the line"),
			Map.entry("SOURCE", "scripts cannot include other files; move the statements of that file into "
					+ "migrations of their own"),
			Map.entry("COPY", "the driver cannot read or write CSV files; write INSERT statements, or load the data "
					+ "in a Java migration"),
			Map.entry("DESCRIBE", "it only prints schema and changes nothing; remove it"),
			Map.entry("DESC", "it only prints schema and changes nothing; remove it"),
			Map.entry("TRACING", DISPLAY_ONLY), Map.entry("PAGING", DISPLAY_ONLY), Map.entry("EXPAND", DISPLAY_ONLY),
			Map.entry("CAPTURE", DISPLAY_ONLY), Map.entry("SHOW", DISPLAY_ONLY), Map.entry("CLEAR", DISPLAY_ONLY),
			Map.entry("CLS", DISPLAY_ONLY),
			Map.entry("LOGIN", "credentials come from spring.cassandra.username/password (or migrations.cassandra.*); "
					+ "remove the line"),
			Map.entry("EXIT", "a script ends at its end; remove the line"),
			Map.entry("QUIT", "a script ends at its end; remove the line"));

	private CqlshCommands() {
	}

	/**
	 * Whether a statement starting with a word is a cqlsh command.
	 * @param word the statement's first word, upper case
	 * @return {@code true} for a cqlsh command
	 */
	static boolean isCommand(String word) {
		return CQLSH_COMMANDS.containsKey(word);
	}

	/**
	 * Explains why a cqlsh command cannot run as a migration, and what to do instead.
	 * @param word the command's first word, upper case
	 * @param line the command's line as written, from its first word on
	 * @return the message
	 */
	static String refusal(String word, String line) {
		String command = ("SERIAL".equals(word)) ? "SERIAL CONSISTENCY" : word;
		String advice = CQLSH_COMMANDS.getOrDefault(word, "remove it");
		return "'" + ((line.length() > 60) ? line.substring(0, 60) + "..." : line) + "' is the cqlsh command "
				+ command + ", not CQL: the server would reject it when the migration runs. "
				+ Character.toUpperCase(advice.charAt(0)) + advice.substring(1) + ".";
	}

}
