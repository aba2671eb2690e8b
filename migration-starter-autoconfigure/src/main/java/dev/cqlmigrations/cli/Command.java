package dev.cqlmigrations.cli;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The commands of {@code migrate}, with the options each accepts and the line it gets in the usage.
 */
public enum Command {

	/** Apply pending migrations. */
	UP("up", "[--target V] [--dry-run]", "Apply pending migrations: all of them, or up to version V.",
			CommandOption.TARGET, CommandOption.DRY_RUN),

	/** Roll back applied migrations. */
	DOWN("down", "[--steps N | --target V] [--dry-run]",
			"Roll back the last migration, the last N, or every one above version V (0 for all).",
			CommandOption.STEPS, CommandOption.TARGET, CommandOption.DRY_RUN),

	/** Show the state of every migration. */
	STATUS("status", "[--json]", "List every migration with its state, as a table or as JSON.", CommandOption.JSON),

	/** Check the scripts against the history. */
	VALIDATE("validate", "", "Check the scripts against the history; exit status 1 on any difference."),

	/** Clear what blocks the next run after a manual fix. */
	REPAIR("repair", "[--undo-finished | --undo-reverted]",
			"After fixing the schema by hand: clear failed runs, accept edited scripts; after a failed "
					+ "rollback, say whether you finished or reverted the undo.",
			CommandOption.UNDO_FINISHED, CommandOption.UNDO_REVERTED),

	/** Record an existing schema as being at a version. */
	BASELINE("baseline", "--version V [--description D]",
			"Record an existing schema (with no history yet) as being at version V.", CommandOption.VERSION,
			CommandOption.DESCRIPTION),

	/** Write the next pair of scripts. */
	CREATE("create", "NAME [--dir DIR]",
			"Write the next V/U script pair into DIR (default " + MigrationFileCreator.DEFAULT_DIRECTORY
					+ "). Needs no cluster.",
			CommandOption.DIR),

	/** Print the usage. */
	HELP("help", "", "Show this help.");

	private final String name;

	private final String arguments;

	private final String summary;

	private final Set<CommandOption> options;

	Command(String name, String arguments, String summary, CommandOption... options) {
		this.name = name;
		this.arguments = arguments;
		this.summary = summary;
		this.options = (options.length > 0) ? EnumSet.of(options[0], options) : EnumSet.noneOf(CommandOption.class);
		// Every command takes --debug and --help.
		this.options.add(CommandOption.DEBUG);
		this.options.add(CommandOption.HELP);
	}

	/**
	 * The name as typed.
	 * @return e.g. {@code status}
	 */
	public String commandName() {
		return this.name;
	}

	/**
	 * The arguments and options, for the usage text.
	 * @return e.g. {@code [--target V] [--dry-run]}
	 */
	public String arguments() {
		return this.arguments;
	}

	/**
	 * What the command does, one line.
	 * @return the summary
	 */
	public String summary() {
		return this.summary;
	}

	/**
	 * Whether the command accepts an option.
	 * @param option the option
	 * @return {@code true} when accepted
	 */
	public boolean accepts(CommandOption option) {
		return this.options.contains(option);
	}

	/**
	 * Whether the command talks to the cluster. {@code create} and {@code help} must work without one.
	 * @return {@code true} when the migration engine is needed
	 */
	public boolean needsCluster() {
		return this != CREATE && this != HELP;
	}

	/**
	 * The command with the given name.
	 * @param name the name as typed
	 * @return the command, or {@code null} when there is none of that name
	 */
	public static @Nullable Command named(String name) {
		return Arrays.stream(values()).filter((command) -> command.name.equals(name)).findFirst().orElse(null);
	}

}
