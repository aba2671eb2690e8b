package dev.cqlmigrations.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cqlmigrations.core.MigrationException;
import dev.cqlmigrations.core.MigrationListener;
import dev.cqlmigrations.core.MigrationRunItem;

/**
 * {@link MigrationListener} used to notify every listener bean (metrics, application events,
 * the application's own). A failing listener is logged and skipped: the engine requires that
 * listeners never throw, and a broken metric must not fail a migration.
 */
final class CompositeMigrationListener implements MigrationListener {

	private static final Logger logger = LoggerFactory.getLogger(CompositeMigrationListener.class);

	private final List<MigrationListener> listeners;

	CompositeMigrationListener(List<MigrationListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public void migrationApplied(MigrationRunItem item) {
		each((listener) -> listener.migrationApplied(item));
	}

	@Override
	public void migrationRolledBack(MigrationRunItem item) {
		each((listener) -> listener.migrationRolledBack(item));
	}

	@Override
	public void migrationFailed(String version, String description, MigrationException error) {
		each((listener) -> listener.migrationFailed(version, description, error));
	}

	@Override
	public void lockAcquired(Duration waited) {
		each((listener) -> listener.lockAcquired(waited));
	}

	@Override
	public void schemaAgreementAwaited(Duration total) {
		each((listener) -> listener.schemaAgreementAwaited(total));
	}

	private void each(Consumer<MigrationListener> call) {
		for (MigrationListener listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("Migration listener {} failed; ignored", listener, ex);
			}
		}
	}

}
