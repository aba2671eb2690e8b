package dev.cqlmigrations.cli;

/**
 * The help text of {@code migrate}, built from {@link Command} so that it never disagrees with the
 * parser.
 */
public final class Usage {

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
			text.append("  ").append(command.commandName());
			if (!command.arguments().isEmpty()) {
				text.append(' ').append(command.arguments());
			}
			text.append("\n      ").append(command.summary()).append('\n');
		}
		text.append("\nEvery command also takes:\n");
		text.append("  ").append(CommandOption.DEBUG.synopsis()).append("   print stack traces and the engine's debug log\n");
		text.append("  ").append(CommandOption.HELP.synopsis()).append("    show this help\n");
		text.append("\nThe application's configuration applies as usual. Spring properties on the command line are\n");
		text.append("--name=value with a dotted name, e.g.\n");
		text.append("  --spring.cassandra.contact-points=db1:9042 --spring.cassandra.local-datacenter=dc1\n");
		text.append("  --migrations.keyspace=my_service --migrations.locations=filesystem:db/cassandra\n");
		text.append("\nNAME of create: letters, digits and underscores; spaces and dashes become underscores.\n");
		text.append("Exit status: 0 done, 1 failed, 2 wrong command line.\n");
		return text.toString();
	}

}
