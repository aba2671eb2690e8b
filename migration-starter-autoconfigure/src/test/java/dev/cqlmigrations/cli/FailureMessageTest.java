package dev.cqlmigrations.cli;

import java.net.InetSocketAddress;
import java.time.Duration;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;

import dev.cqlmigrations.core.InsufficientReplicasException;
import dev.cqlmigrations.core.MigrationConfigurationException;
import dev.cqlmigrations.core.MigrationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FailureMessageTest {

	private static AllNodesFailedException unreachable;

	// A real connection attempt to a port nothing listens on: the driver's own error, no mock.
	@BeforeAll
	static void failToConnect() {
		DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
			.withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(2))
			.build();
		unreachable = catchThrowableOfType(AllNodesFailedException.class,
				() -> CqlSession.builder()
					.addContactPoint(new InetSocketAddress("127.0.0.1", 1))
					.withLocalDatacenter("dc1")
					.withConfigLoader(config)
					.build()
					.close());
		assertThat(unreachable).isNotNull();
	}

	@Test
	void anUnreachableClusterIsOneLineNamingTheNodeAndTheReason() {
		String message = FailureMessage.describe(unreachable);
		assertThat(message).startsWith("Cannot connect to Cassandra: /127.0.0.1:1 (")
			.containsIgnoringCase("refused")
			.endsWith("Check spring.cassandra.contact-points, local-datacenter and the credentials.")
			.doesNotContain("\n");
	}

	@Test
	void anUnreachableClusterIsFoundBehindSpringAndEngineWrappers() {
		Exception wrapped = new BeanCreationException("migrationEngine", "Error creating bean",
				new MigrationException("could not start", unreachable));
		assertThat(FailureMessage.describe(wrapped)).startsWith("Cannot connect to Cassandra: /127.0.0.1:1 (");
	}

	@Test
	void tooFewReplicasIsNotReportedAsAConnectionProblem() {
		// The driver reports a QUORUM refused by the coordinator as an AllNodesFailedException too.
		Exception wrapped = new BeanCreationException("migrationEngine", "Error creating bean",
				new InsufficientReplicasException("Cannot read the migration history ks.migration_history: not "
						+ "enough replicas for QUORUM (1 of 2 required alive).", unreachable));
		assertThat(FailureMessage.describe(wrapped)).startsWith("Cannot read the migration history")
			.doesNotContain("Cannot connect");
	}

	@Test
	void anEngineErrorKeepsTheEnginesMessage() {
		Exception wrapped = new BeanCreationException("migrationEngine", "Error creating bean",
				new MigrationConfigurationException("migrations.lock.ttl is 1000 ms: use at least 3s."));
		assertThat(FailureMessage.describe(wrapped)).isEqualTo("migrations.lock.ttl is 1000 ms: use at least 3s.");
	}

	@Test
	void anyOtherErrorShowsItsOwnMessageAndTheRootCause() {
		Exception wrapped = new BeanCreationException("x", "Error creating bean",
				new IllegalStateException("Failed to bind properties under 'migrations.keyspace'",
						new IllegalArgumentException("'1ks' is not a valid name")));
		assertThat(FailureMessage.describe(wrapped))
			.isEqualTo("Failed to bind properties under 'migrations.keyspace': '1ks' is not a valid name");
		assertThat(FailureMessage.describe(new NullPointerException())).isEqualTo("NullPointerException");
	}

}
