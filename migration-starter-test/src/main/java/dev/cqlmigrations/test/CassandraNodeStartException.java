package dev.cqlmigrations.test;

/**
 * Thrown when a test Cassandra node cannot be started; the message carries the end of the
 * node's own log so that the cause is visible in the test report.
 */
public class CassandraNodeStartException extends RuntimeException {

	/**
	 * Creates a new instance.
	 * @param message what went wrong and what to do
	 * @param cause the underlying cause, if any
	 */
	public CassandraNodeStartException(String message, Throwable cause) {
		super(message, cause);
	}

}
