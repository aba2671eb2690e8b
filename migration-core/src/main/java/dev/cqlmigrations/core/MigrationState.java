package dev.cqlmigrations.core;

/**
 * State of a migration in a status report: the history's view combined with what is on disk.
 */
public enum MigrationState {

	/** On disk, never applied: runs on the next migrate. */
	PENDING,

	/** Applied. */
	APPLIED,

	/** A statement failed; the next migrate resumes there when it safely can. */
	FAILED,

	/** Started and not finished: running now, or its process died (the next migrate resumes). */
	IN_PROGRESS,

	/** Rolled back; on disk still, so it runs again on the next migrate. */
	ROLLED_BACK,

	/** Its rollback failed part way: fix by hand, then repair. */
	ROLLBACK_FAILED,

	/** Recorded as applied, but its script is no longer on disk. */
	MISSING,

	/** The baseline marker: the schema was already at this version. */
	BASELINE,

	/** On disk, at or below the baseline: never runs. */
	BELOW_BASELINE,

	/** Pending but older than the latest applied version, and out-of-order is not allowed. */
	OUT_OF_ORDER;

	/**
	 * Whether the next migrate would run it (up to the target).
	 * @return {@code true} for pending, failed, in progress and rolled back migrations
	 */
	public boolean isPending() {
		return this == PENDING || this == FAILED || this == IN_PROGRESS || this == ROLLED_BACK;
	}

}
