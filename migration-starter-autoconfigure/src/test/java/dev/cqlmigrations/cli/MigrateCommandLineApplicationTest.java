package dev.cqlmigrations.cli;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

import dev.cqlmigrations.core.MigrationEngine;
import dev.cqlmigrations.core.MigrationSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a real {@link SpringApplication} in this JVM with {@code migrate …} arguments: the run
 * listener from {@code spring.factories}, the auto-configuration and the runner together, with the
 * process exit recorded instead of performed. Nothing here reaches a cluster: the engine bean
 * connects to {@code spring.cassandra.contact-points}, which points at a closed port.
 */
@ExtendWith(OutputCaptureExtension.class)
class MigrateCommandLineApplicationTest {

	private static final String NOWHERE = "--spring.cassandra.contact-points=127.0.0.1:1";

	static final AtomicInteger engineCreations = new AtomicInteger();

	private final AtomicInteger exitStatus = new AtomicInteger(-1);

	private ConfigurableApplicationContext context;

	// help, create and usage errors end the process in the run listener's starting(), before any
	// environment or context: tested on the listener, with the exit recorded.

	@Test
	void helpPrintsTheUsageAndExitsWithZeroBeforeAnyContext(CapturedOutput output) {
		startWithoutContext("migrate", "help");
		assertThat(this.exitStatus).hasValue(0);
		assertThat(output.getOut()).startsWith("Usage: java -jar app.jar migrate <command>")
			.contains("  status [--json]\n      List every migration");
	}

	@Test
	void anUnknownCommandPrintsTheUsageAndExitsWithTwo(CapturedOutput output) {
		startWithoutContext("migrate", "frobnicate", NOWHERE);
		assertThat(this.exitStatus).hasValue(2);
		assertThat(output.getErr()).startsWith("Error: Unknown command 'frobnicate'.\n\nUsage:");
		assertThat(engineCreations).hasValue(0);
	}

	@Test
	void anUnknownOptionPrintsTheUsageAndExitsWithTwo(CapturedOutput output) {
		startWithoutContext("migrate", "status", "--bogus", NOWHERE);
		assertThat(this.exitStatus).hasValue(2);
		assertThat(output.getErr()).startsWith("Error: Unknown option '--bogus'.");
	}

	@Test
	void createWritesScriptsWithoutCreatingTheEngine(@TempDir Path dir, CapturedOutput output) {
		engineCreations.set(0);
		startWithoutContext("migrate", "create", "add user email", "--dir", dir.toString(), NOWHERE);
		assertThat(this.exitStatus).hasValue(0);
		assertThat(dir.resolve("V1__add_user_email.cql")).exists();
		assertThat(dir.resolve("U1__add_user_email.cql")).exists();
		assertThat(output.getOut()).contains("Created " + dir.resolve("V1__add_user_email.cql"));
		assertThat(engineCreations).hasValue(0);
	}

	@Test
	void commandsThatNeedTheClusterGoOnToTheContext(CapturedOutput output) {
		startWithoutContext("migrate", "status", NOWHERE);
		assertThat(this.exitStatus).hasValue(-1);
		assertThat(output.toString()).isEmpty();
	}

	@Test
	void anUnreachableClusterIsReportedInOneLineWithStatusOne(CapturedOutput output) {
		run("migrate", "status", NOWHERE);
		assertThat(this.exitStatus).hasValue(1);
		assertThat(output.getErr()).startsWith("Error: Cannot connect to Cassandra: /127.0.0.1:1 (Connection refused)");
		assertThat(output.toString().lines().filter((line) -> !line.isBlank())).hasSize(1);
	}

	@Test
	void debugAddsTheStackTrace(CapturedOutput output) {
		run("migrate", "status", "--debug", NOWHERE);
		assertThat(this.exitStatus).hasValue(1);
		assertThat(output.getErr()).startsWith("Error: Cannot connect to Cassandra")
			.contains("AllNodesFailedException")
			.contains("\tat ");
	}

	@Test
	void springPropertiesStillApplyWhileCommandOptionsStayOutOfTheEnvironment() {
		run("migrate", "up", "--spring.profiles.active=cli-test", "--target", "3", "--debug", "--dry-run",
				"--migrations.keyspace=shop", "--spring.cassandra.contact-points=127.0.0.1:1");
		ConfigurableEnvironment environment = this.context.getEnvironment();
		assertThat(environment.getActiveProfiles()).containsExactly("cli-test");
		assertThat(environment.getProperty("migrations.keyspace")).isEqualTo("shop");
		assertThat(environment.getProperty("target")).isNull();
		assertThat(environment.getProperty("dry-run")).isNull();
		// --debug is the command's: Boot's debug mode stays off.
		assertThat(environment.getProperty("debug")).isNull();
		assertThat(environment.getPropertySources().get("commandLineArgs").getProperty("nonOptionArgs")).isNull();
	}

	@Test
	void commandLineModeHasNoWebServerNoStartupMigrationAndLazyBeans() {
		run("migrate", "status", NOWHERE);
		Environment environment = this.context.getEnvironment();
		assertThat(environment.getProperty("spring.main.web-application-type")).isEqualTo("none");
		assertThat(environment.getProperty("migrations.run-on-startup")).isEqualTo("false");
		assertThat(environment.getProperty("spring.main.lazy-initialization")).isEqualTo("true");
		assertThat(environment.getProperty("spring.main.banner-mode")).isEqualTo("off");
		assertThat(environment.getProperty("logging.level.dev.cqlmigrations.core.MigrationEngine")).isEqualTo("INFO");
	}

	@Test
	void otherArgumentsLeaveTheApplicationAsItIs() {
		SpringApplication application = application();
		// Whatever the test classpath holds: this test is about the environment, not a web server.
		application.setWebApplicationType(WebApplicationType.NONE);
		this.context = application.run("--server.port=0", "--debug-me=1", "status");
		assertThat(this.context.getBeanNamesForType(MigrateCommandRunner.class)).isEmpty();
		assertThat(this.context.getEnvironment().getProperty("debug-me")).isEqualTo("1");
		assertThat(this.context.getEnvironment().getProperty("migrations.cli.active")).isNull();
		assertThat(this.exitStatus).hasValue(-1);
		this.context.close();
	}

	private void startWithoutContext(String... args) {
		new MigrateModeRunListener(application(), args, this.exitStatus::set).starting(new DefaultBootstrapContext());
	}

	private void run(String... args) {
		this.context = application().run(args);
		assertThat(this.context.isActive()).as("context closed by SpringApplication.exit").isFalse();
	}

	private SpringApplication application() {
		SpringApplication application = new SpringApplication(CliApplication.class);
		application.addInitializers((context) -> context.getBeanFactory()
			.registerSingleton("recordingExit", (CommandLineExit) this.exitStatus::set));
		return application;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(MigrationCliAutoConfiguration.class)
	static class CliApplication {

		// Connects on creation, as the simplest engine bean would; commands without a cluster must
		// never get here.
		@Bean
		@Lazy
		MigrationEngine migrationEngine(Environment environment) {
			engineCreations.incrementAndGet();
			String[] contactPoint = environment.getRequiredProperty("spring.cassandra.contact-points").split(":");
			CqlSession session = CqlSession.builder()
				.addContactPoint(new InetSocketAddress(contactPoint[0], Integer.parseInt(contactPoint[1])))
				.withLocalDatacenter("datacenter1")
				.build();
			return new MigrationEngine(session, MigrationSettings.builder("shop").build());
		}

	}

}
