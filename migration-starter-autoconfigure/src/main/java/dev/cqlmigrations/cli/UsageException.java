package dev.cqlmigrations.cli;

/**
 * The command line is wrong: unknown command or option, missing or invalid value. The process
 * prints the message and the usage, and exits with status 2.
 */
public class UsageException extends RuntimeException {

	/**
	 * Creates a new instance.
	 * @param message what is wrong, for the operator
	 */
	public UsageException(String message) {
		super(message);
	}

}
