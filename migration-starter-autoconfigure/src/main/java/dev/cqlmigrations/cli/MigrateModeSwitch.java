package dev.cqlmigrations.cli;

import java.util.Locale;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether an application's arguments switch it into command-line mode: the first argument
 * is exactly {@code migrate}, and {@value MigrateModeRunListener#ENABLED_PROPERTY} is not
 * {@code false}.
 * <p>
 * The mode is decided before Spring reads the application's configuration files, so the switch is
 * read from the command line ({@code --migrations.cli.enabled=false}), then the system properties
 * ({@code -Dmigrations.cli.enabled=false}), then the environment ({@code MIGRATIONS_CLI_ENABLED}),
 * the first one given winning, as Spring ranks these sources.
 */
final class MigrateModeSwitch {

	/** The environment variable of {@value MigrateModeRunListener#ENABLED_PROPERTY}, as Spring names it. */
	static final String ENABLED_VARIABLE = "MIGRATIONS_CLI_ENABLED";

	private static final String ENABLED_ARGUMENT = "--" + MigrateModeRunListener.ENABLED_PROPERTY + "=";

	private MigrateModeSwitch() {
	}

	/**
	 * Whether the arguments switch the application into command-line mode, reading the switch from
	 * this process's system properties and environment.
	 * @param args the application's arguments
	 * @return {@code true} in command-line mode
	 */
	static boolean isOn(String... args) {
		return isOn(args, System::getProperty, System::getenv);
	}

	/**
	 * Whether the arguments switch the application into command-line mode.
	 * @param args the application's arguments
	 * @param systemProperties looks up a system property, {@code null} when not set
	 * @param environment looks up an environment variable, {@code null} when not set
	 * @return {@code true} in command-line mode
	 * @throws IllegalArgumentException when the switch is neither {@code true} nor {@code false}
	 */
	static boolean isOn(String[] args, UnaryOperator<@Nullable String> systemProperties,
			UnaryOperator<@Nullable String> environment) {
		if (args.length == 0 || !MigrateCommandLine.MIGRATE.equals(args[0])) {
			return false;
		}
		String fromArguments = lastArgument(args);
		if (fromArguments != null) {
			return enabled(fromArguments, "the command line");
		}
		String fromSystem = systemProperties.apply(MigrateModeRunListener.ENABLED_PROPERTY);
		if (fromSystem != null) {
			return enabled(fromSystem, "a system property");
		}
		String fromEnvironment = environment.apply(ENABLED_VARIABLE);
		return fromEnvironment == null || enabled(fromEnvironment, "environment variable " + ENABLED_VARIABLE);
	}

	// The last one wins, as in Spring's command-line property source.
	private static @Nullable String lastArgument(String[] args) {
		String value = null;
		for (String arg : args) {
			if (arg.startsWith(ENABLED_ARGUMENT)) {
				value = arg.substring(ENABLED_ARGUMENT.length());
			}
		}
		return value;
	}

	private static boolean enabled(String value, String source) {
		return switch (value.trim().toLowerCase(Locale.ROOT)) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new IllegalArgumentException("Invalid " + MigrateModeRunListener.ENABLED_PROPERTY + " '"
					+ value + "' (from " + source + "): use true, or false to start the application normally.");
		};
	}

}
