package dev.cqlmigrations.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RetryTest {

	private long now;

	private final List<Duration> pauses = new ArrayList<>();

	// The clock only moves while sleeping, so the test controls the deadline exactly.
	private final Retry retry = new Retry(() -> this.now, (duration, onInterrupt) -> {
		this.pauses.add(duration);
		this.now += duration.toNanos();
	});

	@Test
	void retriesRetryableFailuresUntilTheActionSucceeds() {
		AtomicInteger calls = new AtomicInteger();
		String result = this.retry.runUntilDeadline(Duration.ofSeconds(5), Duration.ofMillis(500), (ex) -> true,
				IllegalStateException::new, () -> {
					if (calls.incrementAndGet() < 3) {
						throw new IllegalArgumentException("not yet");
					}
					return "done";
				});
		assertThat(result).isEqualTo("done");
		assertThat(this.pauses).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
	}

	@Test
	void throwsTheLastFailureOnceTheDeadlineHasPassed() {
		AtomicInteger calls = new AtomicInteger();
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.retry.runUntilDeadline(Duration.ofSeconds(2), Duration.ofMillis(500), (ex) -> true,
					IllegalStateException::new, () -> {
						throw new IllegalArgumentException("attempt " + calls.incrementAndGet());
					}))
			.withMessage("attempt 6");
		// Attempts at 0, 0.5, 1, 1.5 and 2 s are within the budget; the one at 2.5 s is the last.
		assertThat(this.pauses).hasSize(5);
	}

	@Test
	void doesNotRetryAFailureThatIsNotRetryable() {
		AtomicInteger calls = new AtomicInteger();
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> this.retry.runUntilDeadline(Duration.ofSeconds(5), Duration.ofMillis(500),
					IllegalArgumentException.class::isInstance, IllegalStateException::new, () -> {
						calls.incrementAndGet();
						throw new UnsupportedOperationException("fatal");
					}));
		assertThat(calls).hasValue(1);
		assertThat(this.pauses).isEmpty();
	}

	@Test
	void upToStopsAfterTheGivenAttemptsWithTheirOwnPauses() {
		AtomicInteger calls = new AtomicInteger();
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.retry.runUpTo(4, (attempt) -> Duration.ofMillis(50L * attempt), (ex) -> true,
					IllegalStateException::new, () -> {
						throw new IllegalArgumentException("attempt " + calls.incrementAndGet());
					}))
			.withMessage("attempt 4");
		assertThat(this.pauses).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(150));
	}

	@Test
	void upToReturnsTheFirstSuccess() {
		assertThat(this.retry.runUpTo(3, (attempt) -> Duration.ofMillis(1), (ex) -> true, IllegalStateException::new,
				() -> 42)).isEqualTo(42);
		assertThat(this.pauses).isEmpty();
	}

	@Test
	void staticHelpersUseTheRealClock() {
		AtomicInteger calls = new AtomicInteger();
		int result = Retry.untilDeadline(Duration.ofSeconds(5), Duration.ofMillis(1), (ex) -> true,
				IllegalStateException::new, () -> {
					if (calls.incrementAndGet() < 2) {
						throw new IllegalArgumentException("not yet");
					}
					return calls.get();
				});
		assertThat(result).isEqualTo(2);
		assertThat(Retry.upTo(2, (attempt) -> Duration.ofMillis(1), (ex) -> true, IllegalStateException::new,
				() -> "once")).isEqualTo("once");
	}

	@Test
	void anInterruptedPauseThrowsTheCallersExceptionAndKeepsTheInterruptFlag() {
		Thread.currentThread().interrupt();
		try {
			assertThatExceptionOfType(MigrationLockException.class)
				.isThrownBy(() -> Pause.sleep(Duration.ofSeconds(10),
						() -> new MigrationLockException("Interrupted while waiting for the lock", null)))
				.withMessage("Interrupted while waiting for the lock");
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

}
