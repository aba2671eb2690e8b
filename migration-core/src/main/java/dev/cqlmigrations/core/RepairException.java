package dev.cqlmigrations.core;

/**
 * Repair cannot decide on its own what the history should say (a rollback failed part-way and the
 * operator has not said whether the undo was finished or reverted). Nothing was changed.
 */
public class RepairException extends MigrationException {

	/**
	 * Creates a new instance.
	 * @param message what is undecided and how to decide it
	 */
	public RepairException(String message) {
		super(message);
	}

}
