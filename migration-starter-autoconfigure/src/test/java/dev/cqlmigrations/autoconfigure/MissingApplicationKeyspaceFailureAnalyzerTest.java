package dev.cqlmigrations.autoconfigure;

import com.datastax.oss.driver.api.core.InvalidKeyspaceException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class MissingApplicationKeyspaceFailureAnalyzerTest {

	private final InvalidKeyspaceException failure = new InvalidKeyspaceException("Invalid keyspace orders");

	@Test
	void explainsAMissingApplicationKeyspace() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.cassandra.keyspace-name", "orders");

		FailureAnalysis analysis = new MissingApplicationKeyspaceFailureAnalyzer(environment).analyze(this.failure);

		assertThat(analysis.getDescription()).contains("keyspace 'orders'").contains("Invalid keyspace orders");
		assertThat(analysis.getAction()).contains("migrations.keyspace=orders");
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
