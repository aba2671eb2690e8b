package dev.cqlmigrations.core;

import java.time.Duration;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs an action again after failures that are expected to pass, such as a driver that is still
 * reconnecting or a table another instance is creating. The last failure is thrown as it is once
 * it is not worth retrying any more, so that callers keep their own error handling.
 * <p>
 * Typical use, retrying driver errors for at most five seconds, half a second apart:
 * <pre>{@code
 * Retry.untilDeadline(Duration.ofSeconds(5), Duration.ofMillis(500), DriverException.class::isInstance,
 * 		() -> new MigrationException("Interrupted while saving the history"), () -> history.save(entry));
 * }</pre>
 */
final class Retry {

	private static final Retry SYSTEM = new Retry(System::nanoTime, Pause::sleep);

	private final LongSupplier nanoTime;

	private final Sleeper sleeper;

	/**
	 * Creates a retry with its own clock and sleep, for tests; production code uses the static
	 * methods.
	 * @param nanoTime the monotonic clock, like {@link System#nanoTime()}
	 * @param sleeper how to wait between attempts, like {@link Pause#sleep}
	 */
	Retry(LongSupplier nanoTime, Sleeper sleeper) {
		this.nanoTime = nanoTime;
		this.sleeper = sleeper;
	}

	/**
	 * Runs an action until it succeeds, a failure is not retryable, or the time is up.
	 * @param <T> the action's result
	 * @param budget how long to keep retrying, from now; the action runs at least once
	 * @param pause the wait between attempts
	 * @param retryable which failures are worth another attempt
	 * @param onInterrupt the exception to throw when interrupted while waiting
	 * @param action the action
	 * @return the action's result
	 * @throws RuntimeException the last failure of the action, or the one of {@code onInterrupt}
	 */
	static <T> T untilDeadline(Duration budget, Duration pause, Predicate<? super RuntimeException> retryable,
			Supplier<? extends RuntimeException> onInterrupt, Supplier<T> action) {
		return SYSTEM.runUntilDeadline(budget, pause, retryable, onInterrupt, action);
	}

	/**
	 * Runs an action at most a number of times, until it succeeds or a failure is not retryable.
	 * @param <T> the action's result
	 * @param attempts how many times to run the action at most
	 * @param pauseAfter the wait after the given failed attempt (1 for the first)
	 * @param retryable which failures are worth another attempt
	 * @param onInterrupt the exception to throw when interrupted while waiting
	 * @param action the action
	 * @return the action's result
	 * @throws RuntimeException the last failure of the action, or the one of {@code onInterrupt}
	 */
	static <T> T upTo(int attempts, IntFunction<Duration> pauseAfter, Predicate<? super RuntimeException> retryable,
			Supplier<? extends RuntimeException> onInterrupt, Supplier<T> action) {
		return SYSTEM.runUpTo(attempts, pauseAfter, retryable, onInterrupt, action);
	}

	<T> T runUntilDeadline(Duration budget, Duration pause, Predicate<? super RuntimeException> retryable,
			Supplier<? extends RuntimeException> onInterrupt, Supplier<T> action) {
		long deadline = this.nanoTime.getAsLong() + budget.toNanos();
		while (true) {
			try {
				return action.get();
			}
			catch (RuntimeException ex) {
				if (this.nanoTime.getAsLong() - deadline > 0 || !retryable.test(ex)) {
					throw ex;
				}
				this.sleeper.sleep(pause, onInterrupt);
			}
		}
	}

	<T> T runUpTo(int attempts, IntFunction<Duration> pauseAfter, Predicate<? super RuntimeException> retryable,
			Supplier<? extends RuntimeException> onInterrupt, Supplier<T> action) {
		for (int attempt = 1;; attempt++) {
			try {
				return action.get();
			}
			catch (RuntimeException ex) {
				if (attempt >= attempts || !retryable.test(ex)) {
					throw ex;
				}
				this.sleeper.sleep(pauseAfter.apply(attempt), onInterrupt);
			}
		}
	}

	/** Waits between attempts; {@link Pause#sleep} outside tests. */
	@FunctionalInterface
	interface Sleeper {

		void sleep(Duration duration, Supplier<? extends RuntimeException> onInterrupt);

	}

}
