package dev.cqlmigrations.cli;

/**
 * Ends the process with the status of a {@code migrate} command. The bean of this type in
 * {@link MigrationCliAutoConfiguration} calls {@link System#exit(int)}; tests replace it to
 * record the status instead.
 */
@FunctionalInterface
public interface CommandLineExit {

	/**
	 * Ends the process.
	 * @param status the exit status
	 */
	void exit(int status);

}
