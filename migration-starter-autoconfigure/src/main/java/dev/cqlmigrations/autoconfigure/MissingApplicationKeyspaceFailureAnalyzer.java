package dev.cqlmigrations.autoconfigure;

import com.datastax.oss.driver.api.core.InvalidKeyspaceException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * {@link AbstractFailureAnalyzer} used to explain why the application's session could not open
 * its keyspace on a first start. Migrations run when the application is ready, so a keyspace
 * they create does not exist yet when beans created earlier (Spring Data Cassandra, the Cassandra
 * health indicator) open a session bound to it with {@code spring.cassandra.keyspace-name}.
 */
class MissingApplicationKeyspaceFailureAnalyzer extends AbstractFailureAnalyzer<InvalidKeyspaceException> {

	private final Environment environment;

	MissingApplicationKeyspaceFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, InvalidKeyspaceException cause) {
		String keyspace = this.environment.getProperty("spring.cassandra.keyspace-name");
		if (keyspace == null || !this.environment.getProperty("migrations.enabled", Boolean.class, true)) {
			return null;
		}
		String description = "The application's Cassandra session is bound to keyspace '" + keyspace
				+ "' (spring.cassandra.keyspace-name), which does not exist: " + cause.getMessage() + ".";
		String action = "If CQL migrations create this keyspace: they run once the application is ready, after the "
				+ "beans that open the application's session. Remove spring.cassandra.keyspace-name and qualify table "
				+ "names in the application (set migrations.keyspace=" + keyspace + " so that scripts can keep "
				+ "unqualified names), or create the keyspace before the first start.";
		return new FailureAnalysis(description, action, cause);
	}

}
