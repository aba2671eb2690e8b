package dev.cqlmigrations.cli;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;

import dev.cqlmigrations.core.MigrationEngine;

/**
 * Runs the {@code migrate} command of the application's arguments, then closes the context and
 * ends the process with the command's {@link ExitStatus}. Ordered first, so that no other runner of
 * the application starts work in command-line mode.
 */
public class MigrateCommandRunner implements ApplicationRunner, Ordered {

	private final ObjectProvider<MigrationEngine> engine;

	private final CommandLineExit exit;

	private final ApplicationContext context;

	/**
	 * Creates a new instance.
	 * @param engine the application's engine, asked for only by commands that need the cluster
	 * @param exit ends the process
	 * @param context closed before the process ends
	 */
	public MigrateCommandRunner(ObjectProvider<MigrationEngine> engine, CommandLineExit exit,
			ApplicationContext context) {
		this.engine = engine;
		this.exit = exit;
		this.context = context;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void run(ApplicationArguments arguments) {
		String[] args = arguments.getSourceArgs();
		if (!MigrateCommandLine.isMigrateCommand(args)) {
			return;
		}
		ExitStatus status = execute(args);
		this.exit.exit(SpringApplication.exit(this.context, status::code));
	}

	ExitStatus execute(String[] args) {
		MigrationCommands commands = new MigrationCommands(this::engine, new MigrationFileCreator(), System.out,
				System.err);
		MigrateCommand command = commands.parse(args);
		return (command != null) ? commands.run(command) : ExitStatus.USAGE;
	}

	private MigrationEngine engine() {
		MigrationEngine engine = this.engine.getIfAvailable();
		if (engine == null) {
			throw new IllegalStateException("This application has no migration engine: check that migrations.enabled "
					+ "is not false and that spring.cassandra.* points at a cluster.");
		}
		return engine;
	}

}
