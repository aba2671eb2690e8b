package dev.cqlmigrations.test;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.test.context.support.TestPropertySourceUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Precedence of the embedded node's properties over the application's configuration. The node is
 * a plain value here: no node is started.
 */
class EmbeddedCassandraContextCustomizerFactoryTest {

	private final CassandraNode node = FixedCassandraNode.localhost(null, null);

	@Test
	void nodePropertiesWinOverApplicationFilesSystemPropertiesAndEnvironmentVariables() {
		StandardEnvironment environment = new StandardEnvironment();
		MutablePropertySources sources = environment.getPropertySources();
		sources.addFirst(new MapPropertySource("systemProperties",
				Map.of("spring.cassandra.contact-points", "prod-sysprop:9042")));
		sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						Map.of("SPRING_CASSANDRA_LOCAL_DATACENTER", "prod-dc")));
		sources.addLast(new MapPropertySource("Config resource 'class path resource [application-prod.yml]'",
				Map.of("spring.cassandra.contact-points", "prod-profile:9042", "spring.cassandra.keyspace-name",
						"orders")));
		sources.addLast(new MapPropertySource("Config resource 'class path resource [application.yml]'",
				Map.of("spring.cassandra.contact-points", "prod:9042")));

		EmbeddedCassandraContextCustomizerFactory.addNodeProperties(environment, this.node);

		assertThat(environment.getProperty("spring.cassandra.contact-points")).isEqualTo("127.0.0.1:19042");
		assertThat(environment.getProperty("spring.cassandra.local-datacenter")).isEqualTo("datacenter1");
		assertThat(environment.getProperty("spring.cassandra.keyspace-name")).as("not a connection setting")
			.isEqualTo("orders");
		assertThat(sources.iterator().next().getName())
			.isEqualTo(EmbeddedCassandraContextCustomizerFactory.PROPERTY_SOURCE_NAME);
	}

	@Test
	void theTestsOwnPropertiesStillWin() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME,
					Map.of("spring.cassandra.local-datacenter", "chosen-by-the-test")));

		EmbeddedCassandraContextCustomizerFactory.addNodeProperties(environment, this.node);

		assertThat(environment.getProperty("spring.cassandra.local-datacenter")).isEqualTo("chosen-by-the-test");
		assertThat(environment.getProperty("spring.cassandra.contact-points")).isEqualTo("127.0.0.1:19042");
	}

	@Test
	void aDedicatedMigrationSessionOfTheApplicationIsPointedAtTheNodeToo() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addLast(new MapPropertySource("application.yml",
					Map.of("migrations.cassandra.contact-points", "prod:9042",
							"migrations.cassandra.local-datacenter", "prod-dc")));

		EmbeddedCassandraContextCustomizerFactory.addNodeProperties(environment, this.node);

		assertThat(environment.getProperty("migrations.cassandra.contact-points")).isEqualTo("127.0.0.1:19042");
		assertThat(environment.getProperty("migrations.cassandra.local-datacenter")).isEqualTo("datacenter1");
	}

	@Test
	void noDedicatedMigrationSessionIsAddedWhenTheApplicationHasNone() {
		StandardEnvironment environment = new StandardEnvironment();

		EmbeddedCassandraContextCustomizerFactory.addNodeProperties(environment, this.node);

		assertThat(environment.containsProperty("migrations.cassandra.contact-points")).isFalse();
	}

}
