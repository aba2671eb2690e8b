package dev.cqlmigrations.autoconfigure;

import dev.cqlmigrations.core.MigrationRunItem;

/**
 * {@link MigrationEvent} published after a migration was applied.
 */
public class MigrationAppliedEvent extends MigrationEvent {

	private final MigrationRunItem migration;

	/**
	 * Creates a new event.
	 * @param keyspace the keyspace of the migration history
	 * @param migration what ran
	 */
	public MigrationAppliedEvent(String keyspace, MigrationRunItem migration) {
		super(keyspace);
		this.migration = migration;
	}

	/**
	 * The migration that was applied, with the statements that ran.
	 * @return the migration
	 */
	public MigrationRunItem getMigration() {
		return this.migration;
	}

}
