package dev.cqlmigrations.core;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code migrate baseline}: marks an existing schema as being at a version, without running
 * scripts, when the history is empty. Migrations up to it never run, later ones do.
 */
final class BaselineHistory {

	private static final Logger logger = LoggerFactory.getLogger(MigrationEngine.class);

	private final EngineContext context;

	private final HistoryBootstrap bootstrap;

	BaselineHistory(EngineContext context, HistoryBootstrap bootstrap) {
		this.context = context;
		this.bootstrap = bootstrap;
	}

	/**
	 * Writes the baseline row, under the lock.
	 * @param baseline the version the schema is at
	 * @param description recorded with it, {@code null} for the configured default
	 * @return the row written
	 * @throws MigrationException when the history already has entries
	 */
	HistoryEntry run(MigrationVersion baseline, @Nullable String description) {
		String keyspace = this.context.keyspace();
		this.bootstrap.createTablesIfMissing(this.context.history().readAll().isEmpty());
		return LockedRun.locked(this.context, (lease, entries) -> {
			if (!entries.isEmpty()) {
				HistoryEntry latest = entries.get(entries.size() - 1);
				throw new MigrationException("Cannot baseline keyspace " + keyspace + " at version " + baseline
						+ ": its history already has " + entries.size() + " entries (latest V" + latest.version() + " "
						+ latest.state() + "). Baseline is for an existing schema that has no history yet.");
			}
			String text = (description != null) ? description : this.context.settings().baselineDescription();
			HistoryEntry row = HistoryEntry.baseline(baseline, text, this.context.installedBy(), Instant.now());
			this.context.history().save(row);
			logger.info("Baselined keyspace {} at version {}", keyspace, baseline);
			return row;
		});
	}

}
