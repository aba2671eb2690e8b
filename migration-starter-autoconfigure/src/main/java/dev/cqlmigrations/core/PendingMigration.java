package dev.cqlmigrations.core;

/**
 * A migration the next run applies, and where in its script to start.
 *
 * @param migration the migration
 * @param resumeFrom index of the first statement to run ({@code 0} unless resuming)
 * @param previous its history entry, {@code null} when it never ran
 */
record PendingMigration(ResolvedMigration migration, int resumeFrom, HistoryEntry previous) {

	/**
	 * Whether a process died while running it, so that the first statement to run may in fact
	 * have completed.
	 * @return {@code true} when resuming after a crash
	 */
	boolean resumesAfterCrash() {
		return this.previous != null && this.previous.state() == HistoryState.IN_PROGRESS;
	}

}
