package dev.cqlmigrations.autoconfigure;

import dev.cqlmigrations.core.MigrationException;

/**
 * {@link MigrationEvent} published when applying or rolling back a migration failed.
 */
public class MigrationFailedEvent extends MigrationEvent {

	private final String version;

	private final String description;

	private final MigrationException error;

	/**
	 * Creates a new event.
	 * @param keyspace the keyspace of the migration history
	 * @param version the version that failed
	 * @param description its description
	 * @param error the error, with the operator-facing message
	 */
	public MigrationFailedEvent(String keyspace, String version, String description, MigrationException error) {
		super(keyspace);
		this.version = version;
		this.description = description;
		this.error = error;
	}

	/**
	 * The version that failed.
	 * @return the version
	 */
	public String getVersion() {
		return this.version;
	}

	/**
	 * The description of the migration that failed.
	 * @return the description
	 */
	public String getDescription() {
		return this.description;
	}

	/**
	 * The error.
	 * @return the error
	 */
	public MigrationException getError() {
		return this.error;
	}

}
