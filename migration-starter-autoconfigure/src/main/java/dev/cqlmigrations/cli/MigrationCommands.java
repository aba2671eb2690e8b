package dev.cqlmigrations.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.cqlmigrations.actuate.MigrationsEndpoint;
import dev.cqlmigrations.core.MigrationEngine;
import dev.cqlmigrations.core.MigrationRunItem;
import dev.cqlmigrations.core.MigrationRunResult;
import dev.cqlmigrations.core.MigrationType;
import dev.cqlmigrations.core.RollbackRequest;
import dev.cqlmigrations.core.StatusReport;

/**
 * Runs one {@link MigrateCommand} against a {@link MigrationEngine} and prints the outcome: results
 * to {@code out}, errors to {@code err}. Every outcome is an {@link ExitStatus}; nothing is thrown.
 * <p>
 * The engine is asked for only by commands that need the cluster, so {@code create} and
 * {@code help} never connect.
 */
public final class MigrationCommands {

	private final Supplier<MigrationEngine> engine;

	private final MigrationFileCreator fileCreator;

	private final PrintStream out;

	private final PrintStream err;

	/**
	 * Creates a new instance.
	 * @param engine supplies the engine on first use; may throw when the engine cannot be built
	 * @param fileCreator writes the scripts of {@code create}
	 * @param out where results go
	 * @param err where errors go
	 */
	public MigrationCommands(Supplier<MigrationEngine> engine, MigrationFileCreator fileCreator, PrintStream out,
			PrintStream err) {
		this.engine = engine;
		this.fileCreator = fileCreator;
		this.out = out;
		this.err = err;
	}

	/**
	 * Runs a command.
	 * @param command the command
	 * @return how it ended
	 */
	public ExitStatus run(MigrateCommand command) {
		try {
			switch (command.command()) {
				case UP -> up(command);
				case DOWN -> down(command);
				case STATUS -> status(command);
				case VALIDATE -> validate();
				case REPAIR -> repair(command);
				case BASELINE -> baseline(command);
				case CREATE -> create(command);
				case HELP -> this.out.print(Usage.text());
			}
			return ExitStatus.OK;
		}
		catch (UsageException ex) {
			usageError(ex.getMessage());
			return ExitStatus.USAGE;
		}
		catch (RuntimeException ex) {
			this.err.println("Error: " + FailureMessage.describe(ex));
			if (command.debug()) {
				ex.printStackTrace(this.err);
			}
			return ExitStatus.FAILED;
		}
		finally {
			this.out.flush();
			this.err.flush();
		}
	}

	/**
	 * Prints a usage error: the message, then the usage.
	 * @param message what is wrong with the command line
	 */
	public void usageError(String message) {
		this.err.println("Error: " + message);
		this.err.println();
		this.err.print(Usage.text());
	}

	/**
	 * Parses a command line, or prints its usage error.
	 * @param args the arguments, {@code migrate <command> …}
	 * @return the command, {@code null} when the arguments are wrong (the error is printed)
	 */
	@Nullable MigrateCommand parse(String[] args) {
		try {
			return MigrateCommandLine.parse(args);
		}
		catch (UsageException ex) {
			usageError(String.valueOf(ex.getMessage()));
			return null;
		}
	}

	private void up(MigrateCommand command) {
		MigrationEngine engine = this.engine.get();
		// --target wins over migrations.target, as a command-line value does over configuration.
		String target = (command.target() != null) ? command.target() : engine.settings().target();
		MigrationRunResult result = engine.migrate(target, command.dryRun());
		String keyspace = result.keyspace();
		if (result.migrations().isEmpty()) {
			this.out.println("Keyspace " + keyspace + " is up to date at " + version(result.versionBefore())
					+ (target != null ? " (target " + target + ")" : "") + ": nothing to apply.");
		}
		else if (result.dryRun()) {
			this.out.println("Dry run: " + count(result.migrations()) + " would be applied to keyspace " + keyspace
					+ " (now at " + version(result.versionBefore()) + "); nothing was changed.");
			printStatements(result.migrations());
		}
		else {
			this.out.println("Applied " + count(result.migrations()) + " to keyspace " + keyspace + ": "
					+ version(result.versionBefore()) + " -> " + version(result.versionAfter()) + " in "
					+ result.totalMillis() + " ms.");
		}
	}

	private void down(MigrateCommand command) {
		RollbackRequest request = new RollbackRequest(
				(command.target() == null && command.steps() == null) ? Integer.valueOf(1) : command.steps(),
				command.target(), command.dryRun());
		MigrationRunResult result = this.engine.get().rollback(request);
		String keyspace = result.keyspace();
		if (result.dryRun()) {
			this.out.println("Dry run: " + count(result.migrations()) + " would be rolled back in keyspace " + keyspace
					+ " (now at " + version(result.versionBefore()) + "); nothing was changed.");
			printStatements(result.migrations());
		}
		else {
			this.out.println("Rolled back " + count(result.migrations()) + " in keyspace " + keyspace + ": "
					+ version(result.versionBefore()) + " -> " + version(result.versionAfter()) + " in "
					+ result.totalMillis() + " ms.");
		}
	}

	private void status(MigrateCommand command) {
		if (command.json() && !StatusJson.isAvailable(getClass().getClassLoader())) {
			throw new IllegalStateException("'status --json' prints the JSON of /actuator/migrations and needs "
					+ "spring-boot-starter-actuator (with Jackson 3) on the application's classpath; add it, or use "
					+ "'status' without --json.");
		}
		MigrationEngine engine = this.engine.get();
		StatusReport report = engine.status();
		String lockHolder = engine.lockHolder();
		this.out.print(command.json()
				? StatusJson.format(MigrationsEndpoint.describe(report, engine.settings().target(), lockHolder))
				: StatusTable.format(report, lockHolder));
	}

	private void validate() {
		StatusReport report = this.engine.get().validate();
		this.out.println("Validation passed: " + count(report.migrations().size()) + " on disk agree"
				+ ((report.migrations().size() == 1) ? "s" : "") + " with the history of keyspace " + report.keyspace()
				+ " (" + version(report.currentVersion()) + ").");
	}

	private void repair(MigrateCommand command) {
		MigrationEngine engine = this.engine.get();
		List<String> actions = engine.repair(command.failedUndo());
		if (actions.isEmpty()) {
			this.out.println("Nothing to repair in keyspace " + engine.settings().keyspace() + ".");
			return;
		}
		this.out.println("Repaired keyspace " + engine.settings().keyspace() + ":");
		actions.forEach((action) -> this.out.println(" - " + action));
	}

	private void baseline(MigrateCommand command) {
		MigrationEngine engine = this.engine.get();
		engine.baseline(command.version(), command.description());
		this.out.println("Baselined keyspace " + engine.settings().keyspace() + " at version " + command.version()
				+ ": migrations up to it will not run, later ones will.");
	}

	private void create(MigrateCommand command) {
		Path directory = Path.of((command.dir() != null) ? command.dir() : MigrationFileCreator.DEFAULT_DIRECTORY);
		MigrationFileCreator.CreatedMigration created = this.fileCreator.create(directory, String.valueOf(command.name()));
		this.out.println("Created " + created.upScript());
		this.out.println("Created " + created.undoScript());
		this.out.println("Write the change and its undo into them: an unedited template is refused.");
	}

	private void printStatements(List<MigrationRunItem> items) {
		for (MigrationRunItem item : items) {
			this.out.println("V" + item.version() + " " + item.description() + " (" + item.script() + "):");
			for (String statement : item.statements()) {
				String text = statement.strip();
				boolean terminated = item.type() != MigrationType.CQL || text.endsWith(";");
				this.out.println("    " + text.replace("\n", "\n    ") + (terminated ? "" : ";"));
			}
		}
	}

	private static String count(List<MigrationRunItem> items) {
		return count(items.size());
	}

	private static String count(int migrations) {
		return migrations + ((migrations == 1) ? " migration" : " migrations");
	}

	private static String version(@Nullable String version) {
		return (version != null) ? "version " + version : "no version";
	}

}
