package dev.cqlmigrations.core;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the history keyspace and the engine's tables (history and lock) when they may be
 * missing. Safe when many instances do it at once: IF NOT EXISTS, table ids derived from names,
 * and schema agreement after each.
 */
final class HistoryBootstrap {

	private static final Logger logger = LoggerFactory.getLogger(MigrationEngine.class);

	private final EngineContext context;

	HistoryBootstrap(EngineContext context) {
		this.context = context;
	}

	/**
	 * Creates what is missing; nothing when the history was read and is not empty.
	 * @param mayBeMissing whether the tables may be missing (the history read empty)
	 * @throws MigrationConfigurationException when the keyspace is missing and may not be created,
	 * or the role may not create it
	 */
	void createTablesIfMissing(boolean mayBeMissing) {
		if (!mayBeMissing) {
			return;
		}
		MigrationSettings settings = this.context.settings();
		StatementRunner runner = this.context.newRunner();
		// A role allowed to work in an existing keyspace need not be allowed to create keyspaces.
		if (settings.createKeyspace() && !Boolean.TRUE.equals(new SchemaProbe(this.context.session())
			.inEffect("CREATE KEYSPACE " + settings.keyspace(), settings.keyspace()))) {
			run(runner, List.of("CREATE KEYSPACE IF NOT EXISTS " + settings.keyspace() + " WITH replication = "
					+ replicationOfNewKeyspace().toCql()));
		}
		try {
			// Independent tables: one agreement round for both (the engine's first-run cost).
			run(runner, List.of(this.context.lock().createTableCql(), this.context.history().createTableCql()));
		}
		catch (InvalidQueryException ex) {
			if (!settings.createKeyspace() && HistoryTable.isMissingTable(ex)) {
				throw new MigrationConfigurationException("Keyspace " + settings.keyspace() + " does not exist "
						+ "and migrations.create-keyspace is false: create the keyspace, or allow the engine to.");
			}
			throw ex;
		}
	}

	private void run(StatementRunner runner, List<String> statements) {
		try {
			if (statements.size() == 1) {
				runner.run(statements.get(0));
			}
			else {
				runner.runTogether(statements);
			}
		}
		catch (UnauthorizedException ex) {
			throw new MigrationConfigurationException("The migration role may not run '"
					+ String.join("' and '", statements) + "': " + ex.getMessage() + ". Grant it the permission (e.g. "
					+ "GRANT CREATE ON KEYSPACE " + this.context.keyspace() + " TO <role>), or run that statement once "
					+ "with a role that may. Nothing was migrated.");
		}
	}

	private KeyspaceReplication replicationOfNewKeyspace() {
		MigrationSettings settings = this.context.settings();
		if (settings.replicationConfigured()) {
			return settings.replication();
		}
		// One replica is only right for a single node: on a real cluster it loses the history with one disk.
		Map<String, Integer> nodesPerDatacenter = new TreeMap<>();
		this.context.session()
			.getMetadata()
			.getNodes()
			.values()
			.forEach((node) -> nodesPerDatacenter.merge(String.valueOf(node.getDatacenter()), 1, Integer::sum));
		KeyspaceReplication replication = KeyspaceSafety.defaultReplication(nodesPerDatacenter);
		// One node can only hold one replica: worth a word only where a choice was made.
		boolean chosen = nodesPerDatacenter.values().stream().mapToInt(Integer::intValue).sum() > 1;
		String message = "migrations.replication is not set: keyspace {}, if missing, is created with {} (nodes per "
				+ "data center: {})";
		if (chosen) {
			logger.info(message, settings.keyspace(), replication.toCql(), nodesPerDatacenter);
		}
		else {
			logger.debug(message, settings.keyspace(), replication.toCql(), nodesPerDatacenter);
		}
		return replication;
	}

}
