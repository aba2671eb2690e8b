package dev.cqlmigrations.cli;

/**
 * {@code migrate create} could not write the new scripts: the name is taken or the directory is not
 * writable. Nothing was written.
 */
public class MigrationFileException extends RuntimeException {

	/**
	 * Creates a new instance.
	 * @param message what went wrong, for the operator
	 */
	public MigrationFileException(String message) {
		super(message);
	}

}
