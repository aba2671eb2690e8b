package dev.cqlmigrations.actuate;

/**
 * A rollback was requested through the {@link MigrationsEndpoint} while
 * {@code migrations.rollback-enabled} is not {@code true}. Nothing was changed.
 */
public class RollbackNotEnabledException extends RuntimeException {

	/**
	 * Creates a new instance.
	 * @param message what to do to allow rollbacks
	 */
	public RollbackNotEnabledException(String message) {
		super(message);
	}

}
