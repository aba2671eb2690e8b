package dev.cqlmigrations.core;

/**
 * What the operator did by hand after a rollback failed part-way, told to
 * {@link MigrationEngine#repair(UndoOutcome)} so that the history records what really happened.
 */
public enum UndoOutcome {

	/** The undo was finished by hand: the migration is recorded {@code ROLLED_BACK}. */
	FINISHED,

	/** What the undo had removed was restored by hand: the migration is recorded {@code APPLIED}. */
	REVERTED

}
