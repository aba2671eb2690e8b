package dev.cqlmigrations.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One row of the history table: the latest known state of one version.
 * <p>
 * Rows change only through the named transitions below ({@link #started}, {@link #applied},
 * {@link #failed}, {@link #rollbackStarted}, {@link #rollbackFailed}, {@link #rolledBack},
 * {@link #repaired}, {@link #undoFinishedByHand}, {@link #baseline}); each builds the next row and
 * appends its own line to the audit. Only {@link HistoryTable} builds a row field by field, when
 * it reads one.
 *
 * @param version the version
 * @param description the description
 * @param type CQL, JAVA or BASELINE
 * @param script the up script's name, or the Java class
 * @param checksum checksum of the up script when it was applied
 * @param undoScript the undo script's name, if any
 * @param undoChecksum checksum of the undo script when the migration was applied
 * @param state the state
 * @param statementsDone statements of the current direction that ran (up, or undo when rolling back)
 * @param statementsTotal statements of the current direction
 * @param doneChecksum checksum of the statements that ran, to decide whether resuming is safe
 * @param appliedAt when the latest application finished (or started, while in progress)
 * @param rolledBackAt when the latest rollback finished
 * @param executionMillis duration of the latest application or rollback
 * @param installedBy who ran it
 * @param error the error of a failed run
 * @param audit one line per past event, oldest first
 */
record HistoryEntry(MigrationVersion version, String description, MigrationType type, @Nullable String script,
		@Nullable Integer checksum, @Nullable String undoScript, @Nullable Integer undoChecksum, HistoryState state,
		int statementsDone, int statementsTotal, @Nullable Integer doneChecksum, @Nullable Instant appliedAt,
		@Nullable Instant rolledBackAt, long executionMillis, @Nullable String installedBy, @Nullable String error,
		List<String> audit) {

	/** The description of a baseline row when none is configured. */
	static final String DEFAULT_BASELINE_DESCRIPTION = "<< Baseline >>";

	/** Canonical constructor. */
	HistoryEntry {
		audit = (audit != null) ? List.copyOf(audit) : List.of();
	}

	/**
	 * The row of a schema that existed before the migrations: versions up to it never run.
	 * @param version the version the schema is at
	 * @param description recorded as description and script; {@value #DEFAULT_BASELINE_DESCRIPTION} when null
	 * @param by who baselined it
	 * @param at when
	 * @return the APPLIED baseline row
	 */
	static HistoryEntry baseline(MigrationVersion version, @Nullable String description, String by, Instant at) {
		String text = Objects.requireNonNullElse(description, DEFAULT_BASELINE_DESCRIPTION);
		return new HistoryEntry(version, text, MigrationType.BASELINE, text, null, null, null,
				HistoryState.APPLIED, 0, 0, null, at, null, 0, by, null, withAudit(List.of(), "BASELINE", by, at));
	}

	/**
	 * The IN_PROGRESS row written before a migration's first statement runs (or the first one a
	 * resumed run runs). Records the placeholder values of the run, so that a later resume can tell
	 * whether they changed.
	 * @param migration the migration as loaded
	 * @param resumeFrom statements that ran in earlier parts
	 * @param previous the row of an earlier run of this version, {@code null} when it never ran
	 * @param placeholders the placeholder values the run uses, by name
	 * @param by who runs it
	 * @param at when the run starts
	 * @return the IN_PROGRESS row
	 */
	static HistoryEntry started(ResolvedMigration migration, int resumeFrom, @Nullable HistoryEntry previous,
			Map<String, String> placeholders, String by, Instant at) {
		// A resumed run adds its time to that of the parts before it.
		long earlierParts = (resumeFrom > 0 && previous != null) ? previous.executionMillis() : 0;
		List<String> audit = (previous != null) ? previous.audit() : List.of();
		for (Map.Entry<String, String> value : placeholders.entrySet()) {
			audit = withAudit(audit, PlaceholderAudit.event(value.getKey(), value.getValue()), by, at);
		}
		return new HistoryEntry(migration.version(), migration.description(), migration.type(), migration.script(),
				migration.checksum(), migration.undoScript(), migration.undoChecksum(), HistoryState.IN_PROGRESS,
				resumeFrom, migration.upStepCount(), progressOf(migration, resumeFrom), at,
				(previous != null) ? previous.rolledBackAt() : null, earlierParts, by, null, audit);
	}

	/**
	 * Every statement of this IN_PROGRESS run took effect.
	 * @param migration the migration as loaded
	 * @param runMillis duration of this part of the run (earlier parts are added)
	 * @param by who ran it
	 * @param at when it finished
	 * @return the APPLIED row
	 */
	HistoryEntry applied(ResolvedMigration migration, long runMillis, String by, Instant at) {
		return withRun(HistoryState.APPLIED, this.statementsTotal, this.statementsTotal,
				progressOf(migration, this.statementsTotal), at, this.rolledBackAt, this.executionMillis + runMillis, by,
				null, withAudit(this.audit, "APPLIED", by, at));
	}

	/**
	 * This IN_PROGRESS run stopped at a statement.
	 * @param statementsDone statements that took effect
	 * @param doneChecksum their checksum, {@code null} when the run cannot resume part-way
	 * @param error what went wrong
	 * @param by who ran it
	 * @param at when it stopped
	 * @return the FAILED row, its time that of this part and of the parts before it
	 */
	HistoryEntry failed(int statementsDone, @Nullable Integer doneChecksum, String error, String by, Instant at) {
		long millis = this.executionMillis
				+ ((this.appliedAt != null) ? Duration.between(this.appliedAt, at).toMillis() : 0);
		return withRun(HistoryState.FAILED, statementsDone, this.statementsTotal, doneChecksum, this.appliedAt,
				this.rolledBackAt, millis, this.installedBy, error,
				withAudit(this.audit, "FAILED at statement " + (statementsDone + 1), by, at));
	}

	/**
	 * Recorded before the first undo statement of an APPLIED row runs: if the process dies, the
	 * history says the rollback did not finish.
	 * @param undoSteps undo statements to run
	 * @param by who rolls it back
	 * @param at when the rollback starts
	 * @return the ROLLBACK_FAILED row, no audit line yet
	 */
	HistoryEntry rollbackStarted(int undoSteps, String by, Instant at) {
		return withRun(HistoryState.ROLLBACK_FAILED, 0, undoSteps, null, this.appliedAt, this.rolledBackAt,
				this.executionMillis, by, "rollback started at " + at + " and did not finish", this.audit);
	}

	/**
	 * An undo statement of this APPLIED row failed.
	 * @param undoneSteps undo statements that ran
	 * @param undoSteps undo statements in all
	 * @param error what went wrong
	 * @param by who rolled it back
	 * @param at when it failed
	 * @return the ROLLBACK_FAILED row
	 */
	HistoryEntry rollbackFailed(int undoneSteps, int undoSteps, @Nullable String error, String by, Instant at) {
		return withRun(HistoryState.ROLLBACK_FAILED, undoneSteps, undoSteps, null, this.appliedAt, this.rolledBackAt,
				this.executionMillis, by, String.valueOf(error),
				withAudit(this.audit, "ROLLBACK FAILED at undo statement " + (undoneSteps + 1), by, at));
	}

	/**
	 * Every undo statement of this APPLIED row ran.
	 * @param undoSteps undo statements that ran
	 * @param millis duration of the rollback
	 * @param by who rolled it back
	 * @param at when it finished
	 * @return the ROLLED_BACK row
	 */
	HistoryEntry rolledBack(int undoSteps, long millis, String by, Instant at) {
		return withRun(HistoryState.ROLLED_BACK, undoSteps, undoSteps, null, this.appliedAt, at, millis, by, null,
				withAudit(this.audit, "ROLLED_BACK", by, at));
	}

	/**
	 * The operator finished this failed rollback by hand ({@code migrate repair --undo-finished}).
	 * @param by who repaired it
	 * @param at when
	 * @return the ROLLED_BACK row
	 */
	HistoryEntry undoFinishedByHand(String by, Instant at) {
		return withRun(HistoryState.ROLLED_BACK, this.statementsTotal, this.statementsTotal, null, this.appliedAt, at,
				this.executionMillis, by, null,
				withAudit(this.audit, "REPAIRED (was ROLLBACK_FAILED): undo finished by hand", by, at));
	}

	/**
	 * Repair's verdict on this row: it takes the scripts as they are now on disk (when they are) and
	 * the given state and progress, clearing the error.
	 * @param disk the migration as loaded now, {@code null} when its scripts are gone
	 * @param state the repaired state
	 * @param statementsDone statements known to have taken effect
	 * @param statementsTotal statements of the recorded direction
	 * @param event what repair decided, for the audit
	 * @param by who repaired it
	 * @param at when
	 * @return the repaired row
	 */
	HistoryEntry repaired(@Nullable ResolvedMigration disk, HistoryState state, int statementsDone,
			int statementsTotal, String event, String by, Instant at) {
		List<String> audit = withAudit(this.audit, event, by, at);
		if (disk == null) {
			return new HistoryEntry(this.version, this.description, this.type, this.script, this.checksum,
					this.undoScript, this.undoChecksum, state, statementsDone, statementsTotal, null, this.appliedAt,
					this.rolledBackAt, this.executionMillis, this.installedBy, null, audit);
		}
		Integer done = (statementsDone <= disk.statements().size()) ? progressOf(disk, statementsDone) : null;
		return new HistoryEntry(this.version, disk.description(), this.type, disk.script(), disk.checksum(),
				disk.undoScript(), disk.undoChecksum(), state, statementsDone, statementsTotal, done, this.appliedAt,
				this.rolledBackAt, this.executionMillis, this.installedBy, null, audit);
	}

	private HistoryEntry withRun(HistoryState state, int statementsDone, int statementsTotal,
			@Nullable Integer doneChecksum, @Nullable Instant appliedAt, @Nullable Instant rolledBackAt,
			long executionMillis, @Nullable String installedBy, @Nullable String error, List<String> audit) {
		return new HistoryEntry(this.version, this.description, this.type, this.script, this.checksum,
				this.undoScript, this.undoChecksum, state, statementsDone, statementsTotal, doneChecksum, appliedAt,
				rolledBackAt, executionMillis, installedBy, error, audit);
	}

	// A Java migration has no statements whose progress could be checked on resume.
	private static @Nullable Integer progressOf(ResolvedMigration migration, int statementsDone) {
		return (migration.type() == MigrationType.JAVA) ? null
				: ProgressChecksum.of(migration.statements(), statementsDone);
	}

	// "<instant> <event> by <who>": MigrationPlan reads the placeholder lines back in this shape.
	private static List<String> withAudit(List<String> audit, String event, String by, Instant at) {
		List<String> lines = new ArrayList<>(audit);
		lines.add(at + " " + event + " by " + by);
		return lines;
	}

}
