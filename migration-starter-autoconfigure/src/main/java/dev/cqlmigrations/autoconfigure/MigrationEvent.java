package dev.cqlmigrations.autoconfigure;

import org.springframework.context.ApplicationEvent;

/**
 * Base of the {@link ApplicationEvent application events} published while migrations run. The
 * source is the keyspace of the migration history.
 */
public abstract class MigrationEvent extends ApplicationEvent {

	/**
	 * Creates a new event.
	 * @param keyspace the keyspace of the migration history
	 */
	protected MigrationEvent(String keyspace) {
		super(keyspace);
	}

	/**
	 * The keyspace of the migration history.
	 * @return the keyspace
	 */
	public String getKeyspace() {
		return (String) getSource();
	}

}
