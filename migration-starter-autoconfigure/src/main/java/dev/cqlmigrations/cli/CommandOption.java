package dev.cqlmigrations.cli;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The options of the {@code migrate} command line. None of their names contains a dot, so they
 * never clash with Spring properties ({@code --spring.cassandra.contact-points=…}), which always do.
 */
public enum CommandOption {

	/** Version to migrate up to, or to roll back down to. */
	TARGET("target", "V"),

	/** Number of migrations to roll back. */
	STEPS("steps", "N"),

	/** Report what would run, change nothing. */
	DRY_RUN("dry-run", null),

	/** Print the status as JSON. */
	JSON("json", null),

	/** Version of a baseline. */
	VERSION("version", "V"),

	/** Description of a baseline. */
	DESCRIPTION("description", "D"),

	/** Directory {@code create} writes into. */
	DIR("dir", "DIR"),

	/** {@code repair}: the failed rollback was finished by hand. */
	UNDO_FINISHED("undo-finished", null),

	/** {@code repair}: the failed rollback was reverted by hand. */
	UNDO_REVERTED("undo-reverted", null),

	/** Print stack traces and the engine's debug log. */
	DEBUG("debug", null),

	/** Print the usage. */
	HELP("help", null);

	private final String name;

	private final @Nullable String valueName;

	CommandOption(String name, @Nullable String valueName) {
		this.name = name;
		this.valueName = valueName;
	}

	/**
	 * The option as typed, e.g. {@code --target}.
	 * @return the flag
	 */
	public String flag() {
		return "--" + this.name;
	}

	/**
	 * Whether the option takes a value ({@code --target 3} or {@code --target=3}).
	 * @return {@code true} for value options, {@code false} for flags
	 */
	public boolean takesValue() {
		return this.valueName != null;
	}

	/**
	 * The option with its value placeholder, for the usage text.
	 * @return e.g. {@code --target V}
	 */
	public String synopsis() {
		return (this.valueName != null) ? flag() + " " + this.valueName : flag();
	}

	/**
	 * The option with the given name.
	 * @param name the name without the leading dashes
	 * @return the option, or {@code null} when there is none of that name
	 */
	public static @Nullable CommandOption named(String name) {
		return Arrays.stream(values()).filter((option) -> option.name.equals(name)).findFirst().orElse(null);
	}

}
