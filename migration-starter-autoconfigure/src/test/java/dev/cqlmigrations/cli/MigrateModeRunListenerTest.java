package dev.cqlmigrations.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

import dev.cqlmigrations.core.MigrationConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class MigrateModeRunListenerTest {

	private final List<Integer> exits = new ArrayList<>();

	private MigrateModeRunListener listener(String... args) {
		return listener(new SpringApplication(), args);
	}

	private MigrateModeRunListener listener(SpringApplication application, String... args) {
		return new MigrateModeRunListener(application, args, this.exits::add);
	}

	@Test
	void putsTheCommandLinesSpringPropertiesFirstAndTheModeSettingsRightAfter() {
		StandardEnvironment environment = new StandardEnvironment();
		listener("migrate", "status", "--json", "--migrations.keyspace=shop").environmentPrepared(
				new DefaultBootstrapContext(), environment);
		List<String> names = environment.getPropertySources().stream().map(PropertySource::getName).toList();
		assertThat(names).startsWith("configurationProperties", "commandLineArgs",
				MigrateModeRunListener.PROPERTY_SOURCE_NAME);
		assertThat(environment.getProperty("migrations.keyspace")).isEqualTo("shop");
		assertThat(environment.getProperty("json")).isNull();
		assertThat(environment.getProperty(MigrateModeRunListener.ACTIVE_PROPERTY)).isEqualTo("true");
	}

	@Test
	void commandLineSpringPropertiesWinOverTheModeSettings() {
		StandardEnvironment environment = new StandardEnvironment();
		listener("migrate", "up", "--logging.level.root=INFO").environmentPrepared(new DefaultBootstrapContext(),
				environment);
		assertThat(environment.getProperty("logging.level.root")).isEqualTo("INFO");
		assertThat(environment.getProperty("spring.main.web-application-type")).isEqualTo("none");
	}

	@Test
	void leavesOtherApplicationsAlone() {
		StandardEnvironment environment = new StandardEnvironment();
		int before = environment.getPropertySources().size();
		MigrateModeRunListener listener = listener("--server.port=0", "serve");
		listener.environmentPrepared(new DefaultBootstrapContext(), environment);
		listener.failed(null, new IllegalStateException("boom"));
		assertThat(environment.getPropertySources().size()).isEqualTo(before);
		assertThat(this.exits).isEmpty();
	}

	@Test
	void actsOnlyWhenTheFirstArgumentIsExactlyMigrate() {
		for (String[] args : new String[][] { { "--spring.profiles.active=dev", "migrate", "help" },
				{ "Migrate", "help" }, { "--migrate", "help" }, { "serve", "migrate", "help" } }) {
			SpringApplication application = new SpringApplication();
			StandardEnvironment environment = new StandardEnvironment();
			int before = environment.getPropertySources().size();
			MigrateModeRunListener listener = listener(application, args);
			listener.starting(new DefaultBootstrapContext());
			listener.environmentPrepared(new DefaultBootstrapContext(), environment);
			assertThat(environment.getPropertySources().size()).as(String.join(" ", args)).isEqualTo(before);
		}
		assertThat(this.exits).isEmpty();
	}

	@Test
	void doesNothingWhenSwitchedOffOnTheCommandLine(CapturedOutput output) {
		StandardEnvironment environment = new StandardEnvironment();
		int before = environment.getPropertySources().size();
		MigrateModeRunListener listener = listener("migrate", "help", "--migrations.cli.enabled=false");
		listener.starting(new DefaultBootstrapContext());
		listener.environmentPrepared(new DefaultBootstrapContext(), environment);
		listener.failed(null, new IllegalStateException("boom"));
		assertThat(environment.getPropertySources().size()).isEqualTo(before);
		assertThat(output.toString()).isEmpty();
		assertThat(this.exits).isEmpty();
	}

	@Test
	void removesBootsBackgroundPreinitializationInCommandLineModeOnly() {
		SpringApplication commandLine = new SpringApplication();
		SpringApplication other = new SpringApplication();
		assertThat(commandLine.getListeners()).anyMatch(MigrateModeRunListenerTest::isBackgroundPreinitializer);
		int listeners = commandLine.getListeners().size();
		listener(commandLine, "migrate", "status").starting(new DefaultBootstrapContext());
		listener(other, "serve").starting(new DefaultBootstrapContext());
		assertThat(commandLine.getListeners()).hasSize(listeners - 1)
			.noneMatch(MigrateModeRunListenerTest::isBackgroundPreinitializer);
		assertThat(other.getListeners()).hasSize(listeners);
		assertThat(this.exits).isEmpty();
	}

	private static boolean isBackgroundPreinitializer(Object listener) {
		return listener.getClass().getName().equals(MigrateModeRunListener.BACKGROUND_PREINITIALIZER);
	}

	@Test
	void quietsTheConsoleAndTurnsOffWhatWouldConnect() {
		Map<String, Object> properties = MigrateModeRunListener.modeProperties(MigrateCommandLine.split("migrate", "up"));
		assertThat(properties).containsEntry("spring.main.web-application-type", "none")
			.containsEntry("spring.main.lazy-initialization", "true")
			.containsEntry("migrations.run-on-startup", "false")
			.containsEntry("management.health.defaults.enabled", "false")
			.containsEntry("management.endpoints.access.default", "none")
			.containsEntry("logging.level.root", "WARN")
			.containsEntry("logging.level.dev.cqlmigrations.core.MigrationEngine", "INFO")
			.containsEntry("logging.level.dev.cqlmigrations.core.MigrationLock", "INFO")
			.containsEntry("logging.level.com.datastax.oss.driver", "WARN")
			.containsEntry("logging.pattern.console", "%msg%n")
			.doesNotContainKey("logging.threshold.console");
	}

	@Test
	void jsonKeepsLogsOffStandardOutput() {
		assertThat(MigrateModeRunListener.modeProperties(MigrateCommandLine.split("migrate", "status", "--json")))
			.containsEntry("logging.threshold.console", "OFF");
	}

	@Test
	void debugKeepsTheFullLogFormatAndTheEnginesDebugLog() {
		assertThat(MigrateModeRunListener.modeProperties(MigrateCommandLine.split("migrate", "up", "--debug")))
			.containsEntry("logging.level.dev.cqlmigrations", "DEBUG")
			.doesNotContainKey("logging.pattern.console")
			.doesNotContainKey("logging.level.com.datastax.oss.driver");
	}

	@Test
	void aStartupFailureIsOneLineAndStatusOne(CapturedOutput output) {
		listener("migrate", "status").failed(null, new BeanCreationException("migrationSettings",
				"Error creating bean", new MigrationConfigurationException("migrations.lock.ttl is 1000 ms.")));
		assertThat(output.getErr()).isEqualTo("Error: migrations.lock.ttl is 1000 ms.\n");
		assertThat(this.exits).containsExactly(1);
	}

	@Test
	void aStartupFailureShowsItsStackTraceWithDebug(CapturedOutput output) {
		listener("migrate", "status", "--debug").failed(null, new IllegalStateException("broken bean"));
		assertThat(output.getErr()).startsWith("Error: broken bean\njava.lang.IllegalStateException: broken bean\n")
			.contains("\tat ");
		assertThat(this.exits).containsExactly(1);
	}

}
