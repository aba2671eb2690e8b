package dev.cqlmigrations.sample.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cqlmigrations.cli.MigrateModeRunListener;
import dev.cqlmigrations.test.FixedCassandraNode;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedCassandraEnvironmentPostProcessorTest {

	private final AtomicInteger starts = new AtomicInteger();

	private final EmbeddedCassandraEnvironmentPostProcessor postProcessor = new EmbeddedCassandraEnvironmentPostProcessor(
			LogFactory.getLog(getClass()), () -> {
				this.starts.incrementAndGet();
				return FixedCassandraNode.localhost("cassandra", "cassandra");
			});

	@Test
	void startsANodeAndPointsTheApplicationAtItWhenNoContactPointsAreConfigured() {
		MockEnvironment environment = new MockEnvironment();

		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(this.starts).hasValue(1);
		assertThat(environment.getProperty("spring.cassandra.contact-points")).isEqualTo("127.0.0.1:19042");
		assertThat(environment.getProperty("spring.cassandra.local-datacenter")).isEqualTo("datacenter1");
		assertThat(environment.getProperty("spring.cassandra.username")).isEqualTo("cassandra");
		assertThat(environment.getProperty("spring.cassandra.password")).isEqualTo("cassandra");
	}

	@Test
	void saysOnTheConsoleThatANodeIsStartingBeforeStartingIt() {
		ByteArrayOutputStream console = new ByteArrayOutputStream();
		StringBuilder seenAtStart = new StringBuilder();
		EmbeddedCassandraEnvironmentPostProcessor postProcessor = new EmbeddedCassandraEnvironmentPostProcessor(
				LogFactory.getLog(getClass()), () -> {
					seenAtStart.append(console.toString(StandardCharsets.UTF_8));
					return FixedCassandraNode.localhost("cassandra", "cassandra");
				}, new PrintStream(console, true, StandardCharsets.UTF_8));

		postProcessor.postProcessEnvironment(new MockEnvironment(), new SpringApplication());

		assertThat(seenAtStart.toString()).contains("starting a local Cassandra node");
	}

	@Test
	void staysOutOfTheWayWhenContactPointsAreConfigured() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.cassandra.contact-points",
				"cassandra.example.com:9042");

		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(this.starts).hasValue(0);
		assertThat(environment.getProperty("spring.cassandra.contact-points")).isEqualTo("cassandra.example.com:9042");
	}

	@Test
	void seesContactPointsGivenAsAList() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.cassandra.contact-points[0]",
				"cassandra.example.com:9042");

		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(this.starts).hasValue(0);
	}

	@Test
	void canBeTurnedOff() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty(EmbeddedCassandraEnvironmentPostProcessor.ENABLED_PROPERTY, "false");

		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(this.starts).hasValue(0);
		assertThat(environment.getPropertySources().contains(EmbeddedCassandraEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

	@Test
	void startsNoNodeForTheMigrateCommandLine() {
		MockEnvironment environment = new MockEnvironment().withProperty(MigrateModeRunListener.ACTIVE_PROPERTY,
				"true");

		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(this.starts).hasValue(0);
		assertThat(environment.getProperty("spring.cassandra.contact-points")).isNull();
	}

	// The order that the test above relies on, in a real run: the starter's run listener marks
	// command-line mode before Boot runs the environment post-processors (this one among them,
	// registered in spring.factories). Were it the other way round, this run would start a node.
	@Test
	void commandLineModeIsKnownBeforeThePostProcessorRuns() {
		SpringApplication application = new SpringApplication(NoBeans.class);

		// A command that needs the context: help and create end the process before there is one.
		try (ConfigurableApplicationContext context = application.run("migrate", "status")) {
			assertThat(context.getEnvironment().getProperty(MigrateModeRunListener.ACTIVE_PROPERTY)).isEqualTo("true");
			assertThat(context.getEnvironment().getProperty("spring.cassandra.contact-points")).isNull();
			assertThat(context.getEnvironment()
				.getPropertySources()
				.contains(EmbeddedCassandraEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
		}
	}

	@Test
	void isRegisteredWithSpringBoot() throws IOException {
		Properties factories = PropertiesLoaderUtils
			.loadProperties(new ClassPathResource("META-INF/spring.factories"));

		assertThat(factories.getProperty(EnvironmentPostProcessor.class.getName()))
			.contains(EmbeddedCassandraEnvironmentPostProcessor.class.getName());
	}

	@Configuration(proxyBeanMethods = false)
	static class NoBeans {

	}

}
