package dev.cqlmigrations.autoconfigure;

import dev.cqlmigrations.core.MigrationRunItem;

/**
 * {@link MigrationEvent} published after a migration was rolled back.
 */
public class MigrationRolledBackEvent extends MigrationEvent {

	private final MigrationRunItem migration;

	/**
	 * Creates a new event.
	 * @param keyspace the keyspace of the migration history
	 * @param migration what ran, with the undo statements
	 */
	public MigrationRolledBackEvent(String keyspace, MigrationRunItem migration) {
		super(keyspace);
		this.migration = migration;
	}

	/**
	 * The migration that was rolled back, with the undo statements that ran.
	 * @return the migration
	 */
	public MigrationRunItem getMigration() {
		return this.migration;
	}

}
