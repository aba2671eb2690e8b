package dev.cqlmigrations.core;

import org.jspecify.annotations.Nullable;

/**
 * A migration the next run applies, and where in its script to start.
 *
 * @param migration the migration
 * @param resumeFrom index of the first statement to run ({@code 0} unless resuming)
 * @param previous its history entry, {@code null} when it never ran
 */
record PendingMigration(ResolvedMigration migration, int resumeFrom, @Nullable HistoryEntry previous) {

	/**
	 * Whether a process died while running it, so that the first statement to run may in fact
	 * have completed.
	 * @return {@code true} when resuming after a crash
	 */
	boolean resumesAfterCrash() {
		return this.previous != null && this.previous.state() == HistoryState.IN_PROGRESS;
	}

	/**
	 * Whether the first statement to run may in fact have completed: the run before died, or
	 * failed without an answer to that statement.
	 * @return {@code true} when the first statement's outcome is unknown
	 */
	boolean firstStatementMayHaveRun() {
		return resumesAfterCrash() || (this.previous != null && this.previous.state() == HistoryState.FAILED
				&& this.previous.error() != null && this.previous.error().startsWith(OUTCOME_UNKNOWN));
	}

	/** Start of the recorded error of a run that got no answer to its last statement. */
	static final String OUTCOME_UNKNOWN = "Outcome unknown: ";

}
