package dev.cqlmigrations.core;

import com.datastax.oss.driver.api.core.CqlSession;

/**
 * What every command of the engine works with: the session, the settings, the listener, the
 * history and the lock.
 *
 * @param session the engine's session
 * @param settings the settings
 * @param listener told about applied, rolled back and failed migrations
 * @param history the history table
 * @param lock the cluster-wide lock
 */
record EngineContext(CqlSession session, MigrationSettings settings, MigrationListener listener, HistoryTable history,
		MigrationLock lock) {

	/**
	 * A runner for one command: it tracks the keyspace that {@code USE} switches to and the time
	 * spent waiting for schema agreement.
	 * @return a new runner
	 */
	StatementRunner newRunner() {
		return new StatementRunner(this.session, new SchemaAgreement(this.session, this.settings.schemaAgreementTimeout()),
				this.settings.keyspace());
	}

	/**
	 * Who the history records as having run a command.
	 * @return the configured name
	 */
	String installedBy() {
		return this.settings.installedBy();
	}

	/**
	 * The keyspace holding the history.
	 * @return its name
	 */
	String keyspace() {
		return this.settings.keyspace();
	}

}
