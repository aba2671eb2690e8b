package dev.cqlmigrations.autoconfigure;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.support.GenericApplicationContext;

import dev.cqlmigrations.core.MigrationEngine;
import dev.cqlmigrations.core.MigrationException;
import dev.cqlmigrations.core.MigrationLockException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Failure policy of {@link MigrationStartupRunner}; what it does against a cluster is covered by
 * the integration tests.
 */
class MigrationStartupRunnerTest {

	private final ApplicationReadyEvent ready = new ApplicationReadyEvent(new SpringApplication(), new String[0],
			new GenericApplicationContext(), null);

	@Test
	void rethrowsAFailureByDefault() {
		MigrationLockException error = new MigrationLockException("Timed out waiting for the migration lock", "other");
		MigrationStartupRunner runner = new MigrationStartupRunner(() -> null, (engine) -> {
			throw error;
		}, false, true);

		assertThatExceptionOfType(MigrationLockException.class).isThrownBy(() -> runner.onApplicationEvent(this.ready))
			.isSameAs(error);
		assertThat(runner.getFailure()).isSameAs(error);
		assertThat(runner.isCompleted()).isTrue();
	}

	@Test
	void keepsAFailureWhenFailuresAreTolerated() {
		MigrationException error = new MigrationException("boom");
		MigrationStartupRunner runner = new MigrationStartupRunner(() -> null, (engine) -> {
			throw error;
		}, false, false);

		runner.onApplicationEvent(this.ready);

		assertThat(runner.getFailure()).isSameAs(error);
		assertThat(runner.isCompleted()).isTrue();
	}

	@Test
	void wrapsOtherErrorsWithTheirMessage() {
		MigrationStartupRunner runner = new MigrationStartupRunner(() -> {
			throw new IllegalStateException("All host(s) tried for query failed");
		}, null, false, true);

		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> runner.onApplicationEvent(this.ready))
			.withMessageContaining("All host(s) tried for query failed")
			.withCauseInstanceOf(IllegalStateException.class);
	}

	@Test
	void reportsTheMostSpecificErrorOfAWrappedFailure() {
		MigrationStartupRunner runner = new MigrationStartupRunner(() -> {
			throw new BeanCreationException("migrationEngine", "Factory method threw exception",
					new IllegalStateException("Could not reach any contact point"));
		}, null, false, true);

		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> runner.onApplicationEvent(this.ready))
			.withMessage("Migrations could not run: Could not reach any contact point");
	}

	@Test
	void unwrapsAMigrationErrorFromAWrappedFailure() {
		MigrationException error = new MigrationException("boom");
		MigrationStartupRunner runner = new MigrationStartupRunner(() -> {
			throw new BeanCreationException("migrationEngine", "failed", error);
		}, null, false, true);

		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> runner.onApplicationEvent(this.ready))
			.isSameAs(error);
	}

	@Test
	void runsTheStrategyOnceEvenWhenReadyIsPublishedAgain() {
		AtomicInteger runs = new AtomicInteger();
		MigrationStartupRunner runner = new MigrationStartupRunner(() -> null,
				(MigrationEngine engine) -> runs.incrementAndGet(), false, true);

		runner.onApplicationEvent(this.ready);
		runner.onApplicationEvent(this.ready);

		assertThat(runs).hasValue(1);
		assertThat(runner.getFailure()).isNull();
	}

}
