package dev.cqlmigrations.autoconfigure;

import com.datastax.oss.driver.api.core.InvalidKeyspaceException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * {@link AbstractFailureAnalyzer} used to explain why the application's session could not open
 * its keyspace on a first start in the one setup where migrations run after that session opens:
 * {@code migrations.startup-phase=application-ready} (or {@code migrations.run-on-startup=false})
 * with {@code spring.cassandra.keyspace-name} naming a keyspace that migrations create. By default
 * migrations run during context refresh, before that session, and this cannot happen.
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
		String setting = migrationsAfterTheSession();
		if (setting == null) {
			return null;
		}
		String description = "The application's Cassandra session is bound to keyspace '" + keyspace
				+ "' (spring.cassandra.keyspace-name), which does not exist: " + cause.getMessage() + ".";
		String action = "With " + setting + ", CQL migrations run after the beans that open the application's "
				+ "session. Remove " + setting + ", so that migrations run during context refresh before that "
				+ "session opens, or create the keyspace before the first start.";
		return new FailureAnalysis(description, action, cause);
	}

	private @Nullable String migrationsAfterTheSession() {
		if (!this.environment.getProperty("migrations.run-on-startup", Boolean.class, true)) {
			return "migrations.run-on-startup=false";
		}
		String phase = this.environment.getProperty("migrations.startup-phase", "");
		if (phase.replace('-', '_').equalsIgnoreCase(MigrationProperties.StartupPhase.APPLICATION_READY.name())) {
			return "migrations.startup-phase=application-ready";
		}
		return null;
	}

}
