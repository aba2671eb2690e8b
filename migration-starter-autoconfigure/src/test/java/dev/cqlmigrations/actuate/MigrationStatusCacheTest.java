package dev.cqlmigrations.actuate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.cqlmigrations.core.MigrationException;
import dev.cqlmigrations.core.MigrationState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MigrationStatusCacheTest {

	private final AtomicLong clock = new AtomicLong();

	private final AtomicInteger reads = new AtomicInteger();

	private final MigrationStatusCache cache = new MigrationStatusCache(() -> {
		this.reads.incrementAndGet();
		return new MigrationStatusCache.Status(MigrationHealthIndicatorTest.report(MigrationState.APPLIED), List.of());
	}, Duration.ofSeconds(5), this.clock::get);

	@Test
	void readsAtMostOncePerMaxAgeHoweverOftenAsked() {
		for (int i = 0; i < 100; i++) {
			this.cache.get();
		}
		assertThat(this.reads).hasValue(1);

		this.clock.addAndGet(Duration.ofSeconds(5).toNanos());
		this.cache.get();

		assertThat(this.reads).hasValue(2);
	}

	@Test
	void readsAgainAfterAMigrationRanOrFailed() {
		this.cache.get();
		this.cache.migrationApplied(null);
		this.cache.get();
		this.cache.migrationRolledBack(null);
		this.cache.get();
		this.cache.migrationFailed("2", "v2", new MigrationException("boom"));
		this.cache.get();

		assertThat(this.reads).hasValue(4);
	}

	@Test
	void keepsAReadFailureForTheMaxAgeToo() {
		AtomicInteger attempts = new AtomicInteger();
		MigrationStatusCache failing = new MigrationStatusCache(() -> {
			attempts.incrementAndGet();
			throw new IllegalStateException("All host(s) tried for query failed");
		}, Duration.ofSeconds(5), this.clock::get);

		assertThatIllegalStateException().isThrownBy(failing::get);
		assertThatIllegalStateException().isThrownBy(failing::get);

		assertThat(attempts).hasValue(1);
	}

}
