package dev.cqlmigrations.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cqlmigrations.core.MigrationRunResult.Direction;

/**
 * {@code migrate down}: rolls back applied migrations, newest first, with their undo scripts,
 * under the lock. {@link RollbackSelection} decides what is undone; each row goes ROLLBACK_FAILED
 * before its first undo statement (so that a process that dies leaves the truth behind) and ends
 * ROLLED_BACK.
 */
final class UndoMigrations {

	// The engine's loggers: operators (and tests) follow them for a run.
	private static final Logger logger = LoggerFactory.getLogger(MigrationEngine.class);

	private static final Logger summary = LoggerFactory.getLogger(MigrationEngine.SUMMARY_LOGGER);

	private final EngineContext context;

	private final RollbackSelection selection;

	UndoMigrations(EngineContext context) {
		this.context = context;
		this.selection = new RollbackSelection(context.keyspace(), context.settings().validateOnMigrate());
	}

	/**
	 * Rolls back what the request selects.
	 * @param loaded the migrations on disk, ordered
	 * @param request what to roll back
	 * @return what ran, or would run
	 */
	MigrationRunResult run(List<ResolvedMigration> loaded, RollbackRequest request) {
		long start = System.nanoTime();
		String keyspace = this.context.keyspace();
		List<HistoryEntry> entries = this.context.history().readAll();
		List<ResolvedMigration> toUndo = this.selection.select(loaded, entries, request);
		KeyspaceSafety.checkNoUndoDropsHistoryKeyspace(toUndo, keyspace);
		String before = currentVersion(loaded, entries);
		if (request.dryRun()) {
			List<MigrationRunItem> items = toUndo.stream()
				.map((migration) -> MigrationEngine.dryRunItem(migration, migration.undoStatements(),
						migration.undoSource()))
				.toList();
			return new MigrationRunResult(Direction.DOWN, true, keyspace, before, before, items, 0, 0,
					MigrationEngine.millisSince(start));
		}
		Duration lockWait = request.waitForLock() ? this.context.settings().lockWaitTimeout() : Duration.ZERO;
		return LockedRun.locked(this.context, lockWait, (lease, current) -> {
			List<ResolvedMigration> selected = this.selection.select(loaded, current, request);
			Map<MigrationVersion, HistoryEntry> byVersion = MigrationVersion.index(current, HistoryEntry::version);
			StatementRunner runner = this.context.newRunner();
			List<MigrationRunItem> items = new ArrayList<>();
			for (int i = 0; i < selected.size(); i++) {
				lease.ensureHeld();
				ResolvedMigration migration = selected.get(i);
				items.add(undo(migration, recorded(byVersion, migration), i + 1, selected.size(), runner));
			}
			this.context.listener().schemaAgreementAwaited(runner.agreementTime());
			String after = currentVersion(loaded, this.context.history().readAll());
			summary.info("Rolled back keyspace {} from version {} to {}: {} in {} ms", keyspace, before,
					(after != null) ? after : "none", MigrationEngine.count(items.size(), "migration"),
					MigrationEngine.millisSince(start));
			return new MigrationRunResult(Direction.DOWN, false, keyspace, before, after, items,
					lease.waited().toMillis(), runner.agreementTime().toMillis(), MigrationEngine.millisSince(start));
		});
	}

	private MigrationRunItem undo(ResolvedMigration migration, HistoryEntry entry, int position, int count,
			StatementRunner runner) {
		String name = "V" + migration.version() + " " + migration.description();
		logger.info("Rolling back {} ({}/{})", name, position, count);
		long start = System.nanoTime();
		String by = this.context.installedBy();
		int total = (migration.type() == MigrationType.JAVA) ? 1 : migration.undoStatements().size();
		// Recorded before the first undo statement: if this process dies, the history says so.
		this.context.history().save(entry.rollbackStarted(total, by, Instant.now()));
		List<String> ran = new ArrayList<>();
		runner.resetKeyspace();
		int done = 0;
		try {
			if (migration.type() == MigrationType.JAVA) {
				migration.java().down(this.context.session());
				runner.awaitAgreement();
				ran.add(migration.script() + ".down()");
				done = 1;
			}
			else {
				for (CqlStatement statement : migration.undoStatements()) {
					runner.run(statement.cql());
					ran.add(statement.cql());
					done++;
					this.context.history().recordProgress(migration.version(), done, null);
				}
			}
		}
		catch (Exception ex) {
			String message = "Rollback of V" + migration.version() + " (" + migration.undoScript() + ") failed at undo "
					+ "statement " + (done + 1) + " of " + total + ": " + ex.getMessage() + ". The history records it as "
					+ "ROLLBACK_FAILED; the schema is partly undone. Finish the undo by hand and run 'migrate repair "
					+ "--undo-finished' (records V" + migration.version() + " ROLLED_BACK), or revert it by hand and "
					+ "run 'migrate repair --undo-reverted' (records it APPLIED).";
			MigrationExecutionException error = new MigrationExecutionException(message, migration.version(), done, ex);
			this.context.history().save(entry.rollbackFailed(done, total, ex.getMessage(), by, Instant.now()));
			logger.error("Rollback of {} failed: {}", name, ex.getMessage());
			this.context.listener().migrationFailed(migration.version().toString(), migration.description(), error);
			throw error;
		}
		long millis = MigrationEngine.millisSince(start);
		this.context.history().save(entry.rolledBack(done, millis, by, Instant.now()));
		logger.info("Rolled back {} in {} ms ({})", name, millis, MigrationEngine.count(ran.size(), "statement"));
		MigrationRunItem item = new MigrationRunItem(migration.version().toString(), migration.description(),
				migration.type(), migration.undoSource(),
				ran, millis);
		this.context.listener().migrationRolledBack(item);
		return item;
	}

	private static @Nullable String currentVersion(List<ResolvedMigration> loaded, List<HistoryEntry> entries) {
		return ApplyMigrations.versionText(MigrationPlan.of(loaded, entries, true, MigrationVersion.LATEST).current());
	}

	private static HistoryEntry recorded(Map<MigrationVersion, HistoryEntry> byVersion, ResolvedMigration migration) {
		HistoryEntry entry = byVersion.get(migration.version());
		if (entry == null) {
			throw new IllegalStateException("V" + migration.version() + " was selected for rollback but has no history row");
		}
		return entry;
	}

}
