package dev.cqlmigrations.core;

/**
 * A rollback request cannot be carried out: nothing is applied, the target is unknown or above the
 * current version, or an undo script is missing. Nothing was changed. (An undo statement that fails in
 * the cluster is reported as a {@link MigrationExecutionException}.)
 */
public class RollbackException extends MigrationException {

	/**
	 * Creates a new instance.
	 * @param message what is wrong and what to do
	 */
	public RollbackException(String message) {
		super(message);
	}

}
