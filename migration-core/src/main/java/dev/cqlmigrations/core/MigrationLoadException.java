package dev.cqlmigrations.core;

/**
 * The set of migrations on disk is not usable: malformed file name, two files for one version,
 * an undo script without its up script, an unreadable location.
 */
public class MigrationLoadException extends MigrationException {

	/**
	 * Creates a new instance.
	 * @param message what is wrong and what to do
	 */
	public MigrationLoadException(String message) {
		super(message);
	}

	/**
	 * Creates a new instance.
	 * @param message what is wrong and what to do
	 * @param cause the underlying cause
	 */
	public MigrationLoadException(String message, Throwable cause) {
		super(message, cause);
	}

}
