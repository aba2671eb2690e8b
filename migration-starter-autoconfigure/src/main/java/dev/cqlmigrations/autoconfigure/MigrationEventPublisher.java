package dev.cqlmigrations.autoconfigure;

import org.springframework.context.ApplicationEventPublisher;

import dev.cqlmigrations.core.MigrationException;
import dev.cqlmigrations.core.MigrationListener;
import dev.cqlmigrations.core.MigrationRunItem;

/**
 * {@link MigrationListener} used to publish {@link MigrationAppliedEvent},
 * {@link MigrationRolledBackEvent} and {@link MigrationFailedEvent} application events.
 */
public final class MigrationEventPublisher implements MigrationListener {

	private final ApplicationEventPublisher publisher;

	private final String keyspace;

	/**
	 * Creates a new instance.
	 * @param publisher the publisher of the application context
	 * @param keyspace the keyspace of the migration history, the source of the events
	 */
	public MigrationEventPublisher(ApplicationEventPublisher publisher, String keyspace) {
		this.publisher = publisher;
		this.keyspace = keyspace;
	}

	@Override
	public void migrationApplied(MigrationRunItem item) {
		this.publisher.publishEvent(new MigrationAppliedEvent(this.keyspace, item));
	}

	@Override
	public void migrationRolledBack(MigrationRunItem item) {
		this.publisher.publishEvent(new MigrationRolledBackEvent(this.keyspace, item));
	}

	@Override
	public void migrationFailed(String version, String description, MigrationException error) {
		this.publisher.publishEvent(new MigrationFailedEvent(this.keyspace, version, description, error));
	}

}
