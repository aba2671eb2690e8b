package dev.cqlmigrations.core;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Sleeps between attempts, turning an interrupt into the caller's own exception (with the
 * interrupt flag restored), so that a run stopped while waiting fails with a message about what
 * it was waiting for.
 */
final class Pause {

	private Pause() {
	}

	/**
	 * Sleeps for the given time.
	 * @param duration how long to sleep
	 * @param onInterrupt the exception to throw when the thread is interrupted while sleeping
	 * @throws RuntimeException the one given by {@code onInterrupt}, after restoring the interrupt flag
	 */
	static void sleep(Duration duration, Supplier<? extends RuntimeException> onInterrupt) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw onInterrupt.get();
		}
	}

}
