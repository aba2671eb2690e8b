package dev.cqlmigrations.cli;

/**
 * The help text of {@code migrate}, built from {@link Command} so that it never disagrees with the
 * parser.
 */
public final class Usage {

	private static final int COLUMN = 44;

	private Usage() {
	}

	/**
	 * The help text.
	 * @return the text, ending with a line break
	 */
	public static String text() {
		StringBuilder text = new StringBuilder();
		text.append("Usage: java -jar app.jar migrate <command> [options] [--spring.property=value ...]\n\n");
		text.append("Commands:\n");
		for (Command command : Command.values()) {
			String synopsis = "  " + command.commandName()
					+ (command.arguments().isEmpty() ? "" : " " + command.arguments());
			if (synopsis.length() >= COLUMN) {
				text.append(synopsis).append('\n').append(" ".repeat(COLUMN));
			}
			else {
				text.append(synopsis).append(" ".repeat(COLUMN - synopsis.length()));
			}
			text.append(command.summary()).append('\n');
		}
		text.append("\nEvery command also takes:\n");
		text.append(line("  " + CommandOption.DEBUG.synopsis(), "print stack traces and the engine's debug log"));
		text.append(line("  " + CommandOption.HELP.synopsis(), "show this help"));
		text.append("\nThe application's configuration applies as usual; Spring properties on the command line are\n");
		text.append("--name=value with a dotted name, e.g.\n");
		text.append("  --spring.cassandra.contact-points=db1:9042 --spring.cassandra.local-datacenter=dc1\n");
		text.append("  --migrations.keyspace=my_service --migrations.locations=filesystem:src/main/resources/db/cassandra\n");
		text.append("\nNAME of create: letters, digits and underscores; spaces and dashes become underscores.\n");
		text.append("Exit status: 0 done, 1 failed, 2 wrong command line.\n");
		return text.toString();
	}

	private static String line(String synopsis, String summary) {
		return synopsis + " ".repeat(Math.max(1, COLUMN - synopsis.length())) + summary + "\n";
	}

}
