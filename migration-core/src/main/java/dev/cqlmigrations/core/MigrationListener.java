package dev.cqlmigrations.core;

import java.time.Duration;

/**
 * Callbacks for what the engine does, for metrics and application events. Every method has a
 * no-op default; implementations must be quick and must not throw.
 */
public interface MigrationListener {

	/** A listener that does nothing. */
	MigrationListener NONE = new MigrationListener() {
	};

	/**
	 * A migration was applied.
	 * @param item what ran
	 */
	default void migrationApplied(MigrationRunItem item) {
	}

	/**
	 * A migration was rolled back.
	 * @param item what ran
	 */
	default void migrationRolledBack(MigrationRunItem item) {
	}

	/**
	 * A migration or rollback failed.
	 * @param version the version
	 * @param description its description
	 * @param error the error
	 */
	default void migrationFailed(String version, String description, MigrationException error) {
	}

	/**
	 * The lock was taken.
	 * @param waited how long it took
	 */
	default void lockAcquired(Duration waited) {
	}

	/**
	 * A run finished waiting for schema agreement.
	 * @param total the time spent waiting during the run
	 */
	default void schemaAgreementAwaited(Duration total) {
	}

}
