package dev.cqlmigrations.test;

import java.time.Duration;
import java.util.function.Supplier;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;

/**
 * Retries an idempotent test helper (a read of the history, a schema lookup) while the shared node
 * is briefly unreachable or overloaded, instead of failing the test on a loaded machine. Only for
 * operations that are safe to repeat; what the test exercises must never be retried this way.
 */
public final class TestRetry {

	/** How long a helper keeps retrying before the last error is thrown. */
	public static final Duration PATIENCE = Duration.ofSeconds(60);

	private TestRetry() {
	}

	/**
	 * Runs the operation, repeating it after transient connection and timeout errors.
	 * @param <T> the result type
	 * @param operation an idempotent operation
	 * @return its result
	 */
	public static <T> T idempotent(Supplier<T> operation) {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		long pause = 100;
		while (true) {
			try {
				return operation.get();
			}
			catch (RuntimeException ex) {
				if (!isTransient(ex) || System.nanoTime() > deadline) {
					throw ex;
				}
			}
			try {
				Thread.sleep(pause);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while retrying a test helper", ex);
			}
			pause = Math.min(pause * 2, 2000);
		}
	}

	static boolean isTransient(Throwable error) {
		return error instanceof AllNodesFailedException || error instanceof DriverTimeoutException
				|| error instanceof ClosedConnectionException || error instanceof HeartbeatException
				|| error instanceof ReadTimeoutException || error instanceof WriteTimeoutException;
	}

}
