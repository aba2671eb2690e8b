package dev.cqlmigrations.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code migrate repair}: after an operator fixed the schema by hand, clears what blocks the next
 * run, under the lock. Failed and unfinished rows are removed, or keep the statements known to
 * have taken effect; changed checksums are accepted; a failed rollback is recorded as the operator
 * says it ended.
 */
final class RepairHistory {

	private static final Logger summary = LoggerFactory.getLogger(MigrationEngine.SUMMARY_LOGGER);

	private final EngineContext context;

	private final HistoryBootstrap bootstrap;

	RepairHistory(EngineContext context, HistoryBootstrap bootstrap) {
		this.context = context;
		this.bootstrap = bootstrap;
	}

	/**
	 * Repairs every row that needs it.
	 * @param loaded the migrations on disk, ordered
	 * @param failedUndo how the failed rollbacks were completed by hand, {@code null} when none failed
	 * @return one sentence per change made
	 * @throws RepairException when a rollback failed part-way and {@code failedUndo} is {@code null}
	 */
	List<String> run(List<ResolvedMigration> loaded, @Nullable UndoOutcome failedUndo) {
		this.bootstrap.createTablesIfMissing(this.context.history().readAll().isEmpty());
		Map<MigrationVersion, ResolvedMigration> onDisk = MigrationVersion.index(loaded, ResolvedMigration::version);
		List<String> actions = LockedRun.locked(this.context, (lease, entries) -> {
			if (failedUndo == null) {
				refuseUndecidedFailedRollbacks(entries);
			}
			List<String> done = new ArrayList<>();
			for (HistoryEntry entry : entries) {
				String action = repair(entry, onDisk.get(entry.version()), failedUndo);
				if (action != null) {
					done.add(action);
					summary.info("Repair: {}", action);
				}
			}
			return done;
		});
		if (actions.isEmpty()) {
			summary.info("Repair: nothing to repair in keyspace {}", this.context.keyspace());
		}
		return actions;
	}

	private static void refuseUndecidedFailedRollbacks(List<HistoryEntry> entries) {
		for (HistoryEntry entry : entries) {
			if (entry.state() == HistoryState.ROLLBACK_FAILED) {
				throw new RepairException("V" + entry.version() + " (" + entry.description() + "): its rollback failed "
						+ "after " + entry.statementsDone() + " of " + entry.statementsTotal() + " undo statements, and "
						+ "repair cannot tell what you did since. If you finished the undo by hand, run 'migrate repair "
						+ "--undo-finished' (records V" + entry.version() + " ROLLED_BACK; the next migrate applies it "
						+ "again). If you restored what the undo had removed, run 'migrate repair --undo-reverted' "
						+ "(records it APPLIED). Nothing was repaired.");
			}
		}
	}

	private @Nullable String repair(HistoryEntry entry, @Nullable ResolvedMigration disk,
			@Nullable UndoOutcome failedUndo) {
		return switch (entry.state()) {
			case FAILED, IN_PROGRESS -> (entry.rolledBackAt() == null) ? repairUnfinished(entry, disk)
					: repairUnfinishedReapply(entry, disk);
			case ROLLBACK_FAILED -> repairFailedRollback(entry, disk, failedUndo);
			case APPLIED -> acceptChangedScript(entry, disk);
			default -> null;
		};
	}

	private @Nullable String repairUnfinished(HistoryEntry entry, @Nullable ResolvedMigration disk) {
		int confirmed = statementsInEffect(entry, disk);
		if (confirmed == 0) {
			this.context.history().delete(entry.version());
			return "V" + entry.version() + ": removed the " + entry.state() + " entry; it runs again from its first "
					+ "statement";
		}
		// confirmed > 0 only when the scripts are on disk
		int statements = Objects.requireNonNull(disk).statements().size();
		boolean all = confirmed == statements;
		if (!all && entry.state() == HistoryState.FAILED && confirmed == entry.statementsDone()
				&& entry.error() == null) {
			return null;
		}
		String done = (confirmed == 1) ? "statement 1" : "statements 1-" + confirmed;
		save(entry.repaired(disk, all ? HistoryState.APPLIED : HistoryState.FAILED, confirmed, entry.statementsTotal(),
				"REPAIRED (was " + entry.state() + "): " + done + " in effect", this.context.installedBy(),
				Instant.now()));
		return "V" + entry.version() + ": " + done + " of " + statements + " took effect (recorded, or found in "
				+ "system_schema), so never run" + ((confirmed == 1) ? "s" : "") + " again; "
				+ (all ? "marked APPLIED" : "it resumes at statement " + (confirmed + 1));
	}

	// A version that was rolled back and failed while being applied again: pending again, as after the rollback.
	private String repairUnfinishedReapply(HistoryEntry entry, @Nullable ResolvedMigration disk) {
		save(entry.repaired(disk, HistoryState.ROLLED_BACK, 0, entry.statementsTotal(),
				"REPAIRED (was " + entry.state() + ")", this.context.installedBy(), Instant.now()));
		return "V" + entry.version() + ": cleared the " + entry.state() + " run; it is pending again";
	}

	private String repairFailedRollback(HistoryEntry entry, @Nullable ResolvedMigration disk,
			@Nullable UndoOutcome failedUndo) {
		if (failedUndo == UndoOutcome.FINISHED) {
			save(entry.undoFinishedByHand(this.context.installedBy(), Instant.now()));
			return "V" + entry.version() + ": marked ROLLED_BACK, its undo finished by hand; the next migrate applies "
					+ "it again";
		}
		// The row counts undo statements now: an APPLIED row counts the migration's own.
		int upSteps = (disk != null) ? disk.upStepCount() : entry.statementsTotal();
		save(entry.repaired(disk, HistoryState.APPLIED, upSteps, upSteps,
				"REPAIRED (was ROLLBACK_FAILED): undo reverted by hand", this.context.installedBy(), Instant.now()));
		return "V" + entry.version() + ": marked APPLIED again, its undo reverted by hand";
	}

	private @Nullable String acceptChangedScript(HistoryEntry entry, @Nullable ResolvedMigration disk) {
		if (disk == null || entry.type() == MigrationType.BASELINE) {
			return null;
		}
		if (Objects.equals(entry.checksum(), disk.checksum()) && Objects.equals(entry.undoChecksum(), disk.undoChecksum())
				&& Objects.equals(entry.description(), disk.description())) {
			return null;
		}
		save(entry.repaired(disk, HistoryState.APPLIED, entry.statementsDone(), entry.statementsTotal(),
				"REPAIRED (checksum " + entry.checksum() + " -> " + disk.checksum() + ")", this.context.installedBy(),
				Instant.now()));
		return "V" + entry.version() + ": accepted the script as it is now on disk (checksum " + entry.checksum()
				+ " -> " + disk.checksum() + ")";
	}

	/**
	 * How many leading statements of an unfinished migration are known to have taken effect: the
	 * statements the history recorded as done (when unchanged on disk, and not undone by hand as far
	 * as system_schema can tell), then every following schema change that system_schema shows in
	 * effect. Stops at the first statement that cannot be confirmed.
	 */
	private int statementsInEffect(HistoryEntry entry, @Nullable ResolvedMigration disk) {
		if (disk == null || disk.type() == MigrationType.JAVA) {
			return 0;
		}
		List<CqlStatement> statements = disk.statements();
		int recorded = entry.statementsDone();
		if (recorded > statements.size() || (recorded > 0 && !Objects.equals(entry.doneChecksum(),
				ProgressChecksum.of(statements, recorded)))) {
			// Edited before the point it stopped: the record says nothing about the script as it is now.
			return 0;
		}
		StatementRunner runner = this.context.newRunner();
		StatementExecution probe = new StatementExecution(this.context, runner);
		runner.resetKeyspace();
		int done = 0;
		while (done < statements.size()) {
			String cql = statements.get(done).cql();
			if (StatementRunner.isUse(cql)) {
				runner.replayIfUse(cql);
			}
			else if (StatementRunner.isSchemaChange(cql)) {
				Boolean inEffect = probe.inEffect(cql, false);
				if (!Boolean.TRUE.equals(inEffect) && (done >= recorded || Boolean.FALSE.equals(inEffect))) {
					break;
				}
			}
			else if (done >= recorded) {
				break;
			}
			done++;
		}
		return done;
	}

	private void save(HistoryEntry entry) {
		this.context.history().save(entry);
	}

}
