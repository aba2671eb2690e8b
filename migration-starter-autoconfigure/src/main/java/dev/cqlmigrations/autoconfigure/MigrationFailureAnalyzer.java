package dev.cqlmigrations.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.cqlmigrations.core.InsufficientReplicasException;
import dev.cqlmigrations.core.MigrationConfigurationException;
import dev.cqlmigrations.core.MigrationException;
import dev.cqlmigrations.core.MigrationExecutionException;
import dev.cqlmigrations.core.MigrationLoadException;
import dev.cqlmigrations.core.MigrationLockException;
import dev.cqlmigrations.core.MigrationScriptException;
import dev.cqlmigrations.core.MigrationValidationException;
import dev.cqlmigrations.core.RollbackException;
import dev.cqlmigrations.core.SchemaAgreementException;

/**
 * {@link AbstractFailureAnalyzer} used to report a {@link MigrationException} that stopped the
 * application: the engine's message (what happened, which file, version or property) as the
 * description, and what to do next as the action.
 */
class MigrationFailureAnalyzer extends AbstractFailureAnalyzer<MigrationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MigrationException cause) {
		return new FailureAnalysis("CQL migrations failed: " + cause.getMessage(), action(cause), cause);
	}

	private static String action(MigrationException cause) {
		if (cause instanceof MigrationConfigurationException) {
			return "Correct the migrations.* property named above.";
		}
		if (cause instanceof MigrationScriptException || cause instanceof MigrationLoadException) {
			return "Fix the migration file named above; nothing was applied.";
		}
		if (cause instanceof MigrationValidationException) {
			return "Restore the applied scripts as they were, or, if the changes are intended, accept them with "
					+ "'migrate repair'. Set migrations.out-of-order=true to apply older pending versions.";
		}
		if (cause instanceof MigrationLockException lock) {
			String holder = (lock.getHolder() != null) ? " (" + lock.getHolder() + ")" : "";
			return "Another instance holds the migration lock" + holder + ". Wait for it to finish and restart, or "
					+ "raise migrations.lock.wait-timeout. A crashed holder's lock expires after migrations.lock.ttl.";
		}
		if (cause instanceof InsufficientReplicasException) {
			return "Bring the Cassandra nodes named above back (nodetool status) and restart; with "
					+ "migrations.fail-on-error=false the application keeps running and migrates on a later start.";
		}
		if (cause instanceof SchemaAgreementException) {
			return "Check that every Cassandra node is up and reachable, or raise "
					+ "migrations.schema-agreement-timeout. The next start resumes the migration.";
		}
		if (cause instanceof MigrationExecutionException || cause instanceof RollbackException) {
			return "Follow the instructions above, then restart the application.";
		}
		return "Check the Cassandra connection (spring.cassandra.* or migrations.cassandra.*) and the cause above. "
				+ "To start the application anyway, set migrations.fail-on-error=false (health 'migrations' is then "
				+ "DOWN).";
	}

}
