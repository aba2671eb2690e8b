package dev.cqlmigrations.cli;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationCliAutoConfigurationTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MigrationCliAutoConfiguration.class));

	@Test
	void backsOffWhenTheApplicationWasNotStartedWithMigrateArguments() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(MigrateCommandRunner.class)
			.doesNotHaveBean(CommandLineExit.class));
	}

	@Test
	void providesTheCommandRunnerAndASystemExitInCommandLineMode() {
		this.contextRunner.withPropertyValues(MigrateModeRunListener.ACTIVE_PROPERTY + "=true")
			.run((context) -> assertThat(context).hasSingleBean(MigrateCommandRunner.class)
				.hasSingleBean(CommandLineExit.class));
	}

	@Test
	void usesTheApplicationsOwnExitWhenItHasOne() {
		CommandLineExit recording = (status) -> {
		};
		this.contextRunner.withPropertyValues(MigrateModeRunListener.ACTIVE_PROPERTY + "=true")
			.withBean(CommandLineExit.class, () -> recording)
			.run((context) -> assertThat(context.getBean(CommandLineExit.class)).isSameAs(recording));
	}

	@Test
	void commandRunnerRunsBeforeAnyOtherRunner() {
		this.contextRunner.withPropertyValues(MigrateModeRunListener.ACTIVE_PROPERTY + "=true")
			.run((context) -> assertThat(context.getBean(MigrateCommandRunner.class).getOrder())
				.isEqualTo(Integer.MIN_VALUE));
	}

}
