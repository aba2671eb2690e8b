package dev.cqlmigrations.core;

/**
 * State of a version as recorded in the history table.
 */
enum HistoryState {

	/** Every statement ran. */
	APPLIED,

	/** A statement failed; {@code statements_done} tells where to resume. */
	FAILED,

	/** Work started and did not finish: the process died, or is running right now under the lock. */
	IN_PROGRESS,

	/** Its undo script ran; it may be applied again later. */
	ROLLED_BACK,

	/** A statement of its undo script failed; the schema is partly undone. */
	ROLLBACK_FAILED

}
