package dev.cqlmigrations.cli;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.cqlmigrations.core.MigrationEngine;

/**
 * Runs the {@code migrate} command line when the application was started with
 * {@code migrate <command> …}, which {@link MigrateModeRunListener} signals with
 * {@value MigrateModeRunListener#ACTIVE_PROPERTY}. Otherwise it contributes nothing.
 */
@AutoConfiguration(afterName = "dev.cqlmigrations.autoconfigure.MigrationAutoConfiguration")
@ConditionalOnBooleanProperty(MigrateModeRunListener.ACTIVE_PROPERTY)
public final class MigrationCliAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CommandLineExit migrateCommandLineExit() {
		return System::exit;
	}

	@Bean
	@ConditionalOnMissingBean
	MigrateCommandRunner migrateCommandRunner(ObjectProvider<MigrationEngine> engine, CommandLineExit exit,
			ApplicationContext context) {
		return new MigrateCommandRunner(engine, exit, context);
	}

}
