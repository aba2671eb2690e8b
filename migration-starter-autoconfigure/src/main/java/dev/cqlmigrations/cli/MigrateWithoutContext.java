package dev.cqlmigrations.cli;

import org.jspecify.annotations.Nullable;

/**
 * Runs what {@code migrate} can do without the cluster and without Spring: {@code help},
 * {@code create} and usage errors. {@link MigrateModeRunListener} calls it as soon as Spring Boot
 * starts, before any environment or context. An application that wants these commands to cost no
 * more than starting the JVM calls {@link #runIfPossible} first in its {@code main} method, before
 * {@code SpringApplication.run}: then not even Spring Boot's logging and factories load.
 */
public final class MigrateWithoutContext {

	private MigrateWithoutContext() {
	}

	/**
	 * Runs the command and ends the process when it needs no context; returns otherwise.
	 * @param args the application's arguments
	 */
	public static void runIfPossible(String... args) {
		if (!MigrateCommandLine.isMigrateCommand(args)) {
			return;
		}
		ExitStatus status = run(args);
		if (status != null) {
			System.exit(status.code());
		}
	}

	/**
	 * Runs the command when it needs no context.
	 * @param args the arguments, {@code migrate <command> …}
	 * @return how it ended, {@code null} when the command needs the cluster (nothing was done)
	 */
	static @Nullable ExitStatus run(String... args) {
		MigrationCommands commands = new MigrationCommands(() -> {
			throw new IllegalStateException("This command needs the cluster");
		}, new MigrationFileCreator(), System.out, System.err);
		MigrateCommand command = commands.parse(args);
		if (command == null) {
			return ExitStatus.USAGE;
		}
		return command.command().needsCluster() ? null : commands.run(command);
	}

}
