package dev.cqlmigrations.autoconfigure;

import com.datastax.oss.driver.api.core.InvalidKeyspaceException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class MissingApplicationKeyspaceFailureAnalyzerTest {

	private final InvalidKeyspaceException failure = new InvalidKeyspaceException("Invalid keyspace orders");

	@Test
	void explainsAMissingApplicationKeyspaceWhenMigrationsRunWhenTheApplicationIsReady() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.cassandra.keyspace-name", "orders")
			.withProperty("migrations.startup-phase", "application-ready");

		FailureAnalysis analysis = new MissingApplicationKeyspaceFailureAnalyzer(environment).analyze(this.failure);

		assertThat(analysis.getDescription()).contains("keyspace 'orders'").contains("Invalid keyspace orders");
		assertThat(analysis.getAction()).contains("Remove migrations.startup-phase=application-ready");
	}

	@Test
	void explainsAMissingApplicationKeyspaceWhenMigrationsDoNotRunOnStartup() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.cassandra.keyspace-name", "orders")
			.withProperty("migrations.run-on-startup", "false");

		assertThat(new MissingApplicationKeyspaceFailureAnalyzer(environment).analyze(this.failure).getAction())
			.contains("Remove migrations.run-on-startup=false");
	}

	@Test
	void staysOutWhenMigrationsRunBeforeTheSession() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.cassandra.keyspace-name", "orders");

		assertThat(new MissingApplicationKeyspaceFailureAnalyzer(environment).analyze(this.failure)).isNull();
	}

	@Test
	void staysOutWithoutAnApplicationKeyspace() {
		assertThat(new MissingApplicationKeyspaceFailureAnalyzer(new MockEnvironment()).analyze(this.failure)).isNull();
	}

	@Test
	void staysOutWhenMigrationsAreDisabled() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.cassandra.keyspace-name", "orders")
			.withProperty("migrations.enabled", "false");

		assertThat(new MissingApplicationKeyspaceFailureAnalyzer(environment).analyze(this.failure)).isNull();
	}

}
