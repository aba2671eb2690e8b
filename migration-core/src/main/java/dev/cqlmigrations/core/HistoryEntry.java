package dev.cqlmigrations.core;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One row of the history table: the latest known state of one version.
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
public record HistoryEntry(MigrationVersion version, String description, MigrationType type, String script,
		@Nullable Integer checksum, @Nullable String undoScript, @Nullable Integer undoChecksum, HistoryState state,
		int statementsDone, int statementsTotal, @Nullable Integer doneChecksum, @Nullable Instant appliedAt,
		@Nullable Instant rolledBackAt, long executionMillis, String installedBy, @Nullable String error,
		List<String> audit) {

	/** Canonical constructor. */
	public HistoryEntry {
		audit = (audit != null) ? List.copyOf(audit) : List.of();
	}

	/**
	 * The same version and scripts with the outcome of another run.
	 * @param state the new state
	 * @param statementsDone statements of the run that ran
	 * @param statementsTotal statements of the run
	 * @param doneChecksum checksum of the statements that ran, {@code null} when not resumable
	 * @param appliedAt when the latest application finished (or started)
	 * @param rolledBackAt when the latest rollback finished
	 * @param executionMillis duration of the run
	 * @param installedBy who ran it
	 * @param error the error of a failed run
	 * @param audit the audit lines
	 * @return the changed entry
	 */
	public HistoryEntry withRun(HistoryState state, int statementsDone, int statementsTotal,
			@Nullable Integer doneChecksum, @Nullable Instant appliedAt, @Nullable Instant rolledBackAt,
			long executionMillis, String installedBy, @Nullable String error, List<String> audit) {
		return new HistoryEntry(this.version, this.description, this.type, this.script, this.checksum,
				this.undoScript, this.undoChecksum, state, statementsDone, statementsTotal, doneChecksum, appliedAt,
				rolledBackAt, executionMillis, installedBy, error, audit);
	}

}
