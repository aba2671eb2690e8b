package dev.cqlmigrations.cli;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.cqlmigrations.core.MigrationVersion;
import dev.cqlmigrations.core.RollbackException;
import dev.cqlmigrations.core.RollbackRequest;
import dev.cqlmigrations.core.UndoOutcome;

/**
 * Reads the arguments of {@code java -jar app.jar migrate <command> [options]}.
 * <p>
 * The arguments mix two kinds: Spring properties, {@code --name=value} where the name contains a
 * dot ({@code --spring.cassandra.contact-points=…}, {@code --migrations.keyspace=…}), and
 * everything else, which belongs to the command line. A dotless {@code --name} is therefore
 * always a command option, so a typo such as {@code --taget=3} is reported instead of silently
 * becoming a Spring property nobody reads.
 */
public final class MigrateCommandLine {

	/** The first argument, exactly, that switches an application into command-line mode. */
	public static final String MIGRATE = "migrate";

	private static final RollbackRequest.Spelling SPELLING = new RollbackRequest.Spelling(
			CommandOption.TARGET.flag(), CommandOption.STEPS.flag() + " '%s'", "expected version",
			"Give either --steps or --target to 'down', not both.");

	private final List<String> springArguments;

	private final List<String> commandArguments;

	private MigrateCommandLine(List<String> springArguments, List<String> commandArguments) {
		this.springArguments = List.copyOf(springArguments);
		this.commandArguments = List.copyOf(commandArguments);
	}

	/**
	 * Whether the arguments ask for a {@code migrate} command: the first argument is exactly
	 * {@code migrate} (not {@code Migrate}, not an option, not a later argument), and
	 * {@value MigrateModeRunListener#ENABLED_PROPERTY} is not {@code false} on the command line, in
	 * the system properties or in the environment ({@code MIGRATIONS_CLI_ENABLED}).
	 * @param args the application's arguments
	 * @return {@code true} in command-line mode
	 * @throws IllegalArgumentException when {@value MigrateModeRunListener#ENABLED_PROPERTY} is
	 * neither {@code true} nor {@code false}
	 */
	public static boolean isMigrateCommand(String... args) {
		return MigrateModeSwitch.isOn(args);
	}

	/**
	 * Splits the arguments into Spring properties and the command's own arguments.
	 * @param args the application's arguments
	 * @return the split arguments
	 */
	public static MigrateCommandLine split(String... args) {
		List<String> spring = new ArrayList<>();
		List<String> command = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (isSpringProperty(arg)) {
				spring.add(arg);
				continue;
			}
			command.add(arg);
			CommandOption option = optionOf(arg);
			if (option != null && option.takesValue() && !arg.contains("=") && i + 1 < args.length
					&& !args[i + 1].startsWith("--")) {
				command.add(args[++i]);
			}
		}
		return new MigrateCommandLine(spring, command);
	}

	/**
	 * Parses the arguments into a command.
	 * @param args the application's arguments, Spring properties included
	 * @return the command
	 * @throws UsageException when the command line is wrong
	 */
	public static MigrateCommand parse(String... args) {
		return split(args).toCommand();
	}

	/**
	 * The Spring properties, as {@code --name=value}, for Spring's command-line property source.
	 * @return the Spring arguments, in order
	 */
	public List<String> springArguments() {
		return this.springArguments;
	}

	/**
	 * The command's own arguments, {@code migrate} included.
	 * @return the command arguments, in order
	 */
	public List<String> commandArguments() {
		return this.commandArguments;
	}

	/**
	 * Whether the command arguments include a flag, without validating them.
	 * @param option the option
	 * @return {@code true} when given
	 */
	public boolean has(CommandOption option) {
		return this.commandArguments.stream().anyMatch((arg) -> arg.equals(option.flag()));
	}

	private MigrateCommand toCommand() {
		List<String> positional = new ArrayList<>();
		Map<CommandOption, String> options = new EnumMap<>(CommandOption.class);
		for (int i = 0; i < this.commandArguments.size(); i++) {
			String arg = this.commandArguments.get(i);
			if (arg.equals("-h")) {
				return MigrateCommand.of(Command.HELP);
			}
			if (!arg.startsWith("-")) {
				positional.add(arg);
				continue;
			}
			CommandOption option = optionOf(arg);
			if (option == null) {
				throw new UsageException("Unknown option '" + arg + "'. Spring properties are written --name=value "
						+ "with a dotted name, e.g. --spring.cassandra.contact-points=host:9042.");
			}
			if (options.containsKey(option)) {
				throw new UsageException("Option " + option.flag() + " is given twice.");
			}
			options.put(option, valueOf(option, arg, (i + 1 < this.commandArguments.size())
					? this.commandArguments.get(i + 1) : null));
			if (option.takesValue() && !arg.contains("=")) {
				i++;
			}
		}
		if (options.containsKey(CommandOption.HELP)) {
			return MigrateCommand.of(Command.HELP);
		}
		if (positional.isEmpty() || !positional.get(0).equals(MIGRATE)) {
			throw new UsageException("The first argument must be '" + MIGRATE + "'.");
		}
		if (positional.size() < 2) {
			throw new UsageException("No command given.");
		}
		Command command = Command.named(positional.get(1));
		if (command == null) {
			throw new UsageException("Unknown command '" + positional.get(1) + "'.");
		}
		for (CommandOption option : options.keySet()) {
			if (!command.accepts(option)) {
				throw new UsageException("Option " + option.flag() + " does not apply to '" + command.commandName()
						+ "' (" + command.commandName() + " " + command.arguments() + ").");
			}
		}
		List<String> operands = positional.subList(2, positional.size());
		return build(command, operands, options);
	}

	private static MigrateCommand build(Command command, List<String> operands, Map<CommandOption, String> options) {
		String name = null;
		if (command == Command.CREATE) {
			if (operands.isEmpty()) {
				throw new UsageException("'create' needs a NAME, e.g. migrate create add_user_email.");
			}
			if (operands.size() > 1) {
				throw new UsageException("'create' takes one NAME, got " + operands + ": quote a name with spaces.");
			}
			name = operands.get(0);
		}
		else if (!operands.isEmpty()) {
			throw new UsageException("Unexpected argument '" + operands.get(0) + "' for '" + command.commandName()
					+ "'.");
		}
		String target = options.get(CommandOption.TARGET);
		Integer steps = null;
		if (command == Command.DOWN) {
			steps = rollbackRequest(target, options.get(CommandOption.STEPS)).steps();
		}
		else if (target != null) {
			checkVersion(target, CommandOption.TARGET, command == Command.UP);
		}
		String version = options.get(CommandOption.VERSION);
		if (command == Command.BASELINE) {
			if (version == null) {
				throw new UsageException("'baseline' needs --version V, the version the existing schema is at.");
			}
			checkVersion(version, CommandOption.VERSION, false);
		}
		if (options.containsKey(CommandOption.UNDO_FINISHED) && options.containsKey(CommandOption.UNDO_REVERTED)) {
			throw new UsageException("Give either --undo-finished or --undo-reverted to 'repair', not both.");
		}
		UndoOutcome failedUndo = options.containsKey(CommandOption.UNDO_FINISHED) ? UndoOutcome.FINISHED
				: options.containsKey(CommandOption.UNDO_REVERTED) ? UndoOutcome.REVERTED : null;
		return new MigrateCommand(command, target, steps, options.containsKey(CommandOption.DRY_RUN),
				options.containsKey(CommandOption.JSON), version, options.get(CommandOption.DESCRIPTION), name,
				options.get(CommandOption.DIR), options.containsKey(CommandOption.DEBUG), failedUndo);
	}

	private static @Nullable String valueOf(CommandOption option, String arg, @Nullable String next) {
		int equals = arg.indexOf('=');
		if (!option.takesValue()) {
			if (equals >= 0) {
				throw new UsageException("Option " + option.flag() + " takes no value.");
			}
			return "";
		}
		String value = (equals >= 0) ? arg.substring(equals + 1) : next;
		if (value == null || value.isBlank() || (equals < 0 && value.startsWith("--"))) {
			throw new UsageException("Option " + option.synopsis() + " needs a value.");
		}
		return value.trim();
	}

	private static void checkVersion(String text, CommandOption option, boolean latestAllowed) {
		try {
			if (latestAllowed) {
				MigrationVersion.parseTarget(text);
			}
			else {
				MigrationVersion.parse(text);
			}
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException("Invalid " + option.flag() + ": " + ex.getMessage()
					+ (latestAllowed ? ", or 'latest'." : "."));
		}
	}

	// The request itself checks the target and the steps, in the words of this command line.
	private static RollbackRequest rollbackRequest(@Nullable String target, @Nullable String steps) {
		try {
			return RollbackRequest.parse(target, steps, null, false, SPELLING);
		}
		catch (RollbackException ex) {
			throw new UsageException(ex.getMessage());
		}
	}

	private static boolean isSpringProperty(String arg) {
		if (!arg.startsWith("--")) {
			return false;
		}
		int equals = arg.indexOf('=');
		String name = (equals >= 0) ? arg.substring(2, equals) : arg.substring(2);
		return name.contains(".");
	}

	private static @Nullable CommandOption optionOf(String arg) {
		if (!arg.startsWith("--")) {
			return null;
		}
		int equals = arg.indexOf('=');
		return CommandOption.named((equals >= 0) ? arg.substring(2, equals) : arg.substring(2));
	}

}
