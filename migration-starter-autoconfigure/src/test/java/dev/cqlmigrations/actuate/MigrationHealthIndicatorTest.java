package dev.cqlmigrations.actuate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.cqlmigrations.autoconfigure.MigrationStartupRunner;
import dev.cqlmigrations.core.MigrationException;
import dev.cqlmigrations.core.MigrationInfo;
import dev.cqlmigrations.core.MigrationState;
import dev.cqlmigrations.core.MigrationType;
import dev.cqlmigrations.core.StatusReport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Status of {@link MigrationHealthIndicator} for each state of the schema; the states are plain
 * values here, what the engine reports against a cluster is covered by the integration tests.
 */
class MigrationHealthIndicatorTest {

	@Test
	void upWhenEverythingIsApplied() {
		Health health = health(report(MigrationState.APPLIED, MigrationState.APPLIED), List.of(), null);

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("currentVersion", "2")
			.containsEntry("pending", 0)
			.doesNotContainKey("pendingVersions");
	}

	@Test
	void upWithThePendingVersionsWhenMigrationsArePending() {
		Health health = health(report(MigrationState.APPLIED, MigrationState.ROLLED_BACK), List.of("2"), null);

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("pending", 1).containsEntry("pendingVersions", List.of("2"));
	}

	@Test
	void downWhenAMigrationFailed() {
		assertThat(health(report(MigrationState.APPLIED, MigrationState.FAILED), List.of("2"), null).getStatus())
			.isEqualTo(Status.DOWN);
	}

	@Test
	void downWhenARollbackFailed() {
		assertThat(health(report(MigrationState.APPLIED, MigrationState.ROLLBACK_FAILED), List.of(), null).getStatus())
			.isEqualTo(Status.DOWN);
	}

	@Test
	void downWhenAToleratedStartupFailureLeftMigrationsPending() {
		MigrationStartupRunner runner = new MigrationStartupRunner(() -> null, (engine) -> {
			throw new MigrationException("Timed out waiting for the migration lock");
		}, false, false);
		runner.migrate();

		Health health = health(report(MigrationState.APPLIED, MigrationState.PENDING), List.of("2"), runner);

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("startupError", "Timed out waiting for the migration lock");
	}

	@Test
	void downWhenTheStatusCannotBeRead() {
		MigrationStatusCache cache = new MigrationStatusCache(() -> {
			throw new IllegalStateException("All host(s) tried for query failed");
		}, Duration.ofSeconds(5), System::nanoTime);

		assertThat(new MigrationHealthIndicator(cache, null).health().getStatus()).isEqualTo(Status.DOWN);
	}

	private static Health health(StatusReport report, List<String> pending, MigrationStartupRunner runner) {
		MigrationStatusCache cache = new MigrationStatusCache(() -> new MigrationStatusCache.Status(report, pending),
				Duration.ofSeconds(5), System::nanoTime);
		return new MigrationHealthIndicator(cache, runner).health();
	}

	static StatusReport report(MigrationState... states) {
		List<MigrationInfo> infos = new ArrayList<>();
		String current = null;
		for (int i = 0; i < states.length; i++) {
			String version = String.valueOf(i + 1);
			infos.add(new MigrationInfo(version, "v" + version, MigrationType.CQL, "V" + version + "__v.cql", 1, 1,
					states[i], false, true, null, null, null, null, null, null, null));
			if (states[i] == MigrationState.APPLIED) {
				current = version;
			}
		}
		return new StatusReport("shop", current, infos, List.of());
	}

}
