package dev.cqlmigrations.cli;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cqlmigrations.core.MigrationInfo;
import dev.cqlmigrations.core.MigrationState;
import dev.cqlmigrations.core.MigrationType;
import dev.cqlmigrations.core.StatusReport;

import static org.assertj.core.api.Assertions.assertThat;

class StatusTableTest {

	static final Instant APPLIED_AT = Instant.parse("2026-11-23T10:15:30.123Z");

	static MigrationInfo info(String version, String description, MigrationState state) {
		boolean ran = state != MigrationState.PENDING;
		return new MigrationInfo(version, description, MigrationType.CQL, "V" + version + "__x.cql", 42,
				ran ? 42 : null, state, false, true, ran ? APPLIED_AT : null, null, ran ? 120L : null, ran ? 2 : null,
				ran ? 2 : null, ran ? "ops@host" : null, (state == MigrationState.FAILED) ? "boom" : null);
	}

	static StatusReport report() {
		return new StatusReport("shop", "2",
				List.of(info("1", "create keyspace", MigrationState.APPLIED),
						info("2", "create users", MigrationState.APPLIED),
						info("3", "add user email", MigrationState.FAILED),
						info("4", "index user email", MigrationState.PENDING)),
				List.of());
	}

	@Test
	void printsOneRowPerMigrationAndTheSummaryLine() {
		String text = StatusTable.format(report(), null);
		assertThat(text).isEqualTo("""
				Keyspace shop: version 2
				+---------+------------------+------+---------+---------------------+----------------+
				| Version | Description      | Type | State   | Applied at (UTC)    | Execution time |
				+---------+------------------+------+---------+---------------------+----------------+
				| 1       | create keyspace  | CQL  | APPLIED | 2026-11-23 10:15:30 | 120 ms         |
				| 2       | create users     | CQL  | APPLIED | 2026-11-23 10:15:30 | 120 ms         |
				| 3       | add user email   | CQL  | FAILED  |                     |                |
				| 4       | index user email | CQL  | PENDING |                     |                |
				+---------+------------------+------+---------+---------------------+----------------+
				Total: 4 | Applied: 2 | Pending: 1 | Failed: 1
				""");
	}

	@Test
	void summaryCountsBaselineAsAppliedAndRolledBackAsPending() {
		StatusReport report = new StatusReport("shop", "3",
				List.of(info("1", "a", MigrationState.BELOW_BASELINE), info("2", "b", MigrationState.BASELINE),
						info("3", "c", MigrationState.APPLIED), info("4", "d", MigrationState.ROLLED_BACK),
						info("5", "e", MigrationState.PENDING), info("6", "f", MigrationState.ROLLBACK_FAILED),
						info("7", "g", MigrationState.MISSING)),
				List.of());
		assertThat(StatusTable.summary(report)).isEqualTo("Total: 7 | Applied: 2 | Pending: 2 | Failed: 1");
		assertThat(StatusTable.format(report, null))
			.contains("By state: Rolled back: 1 | Rollback failed: 1 | Missing: 1 | Below baseline: 1\n");
	}

	@Test
	void marksChangedScriptsAndListsProblemsAndTheLockHolder() {
		MigrationInfo drifted = new MigrationInfo("1", "a", MigrationType.CQL, "V1__a.cql", 1, 2,
				MigrationState.APPLIED, true, true, APPLIED_AT, null, 5L, 1, 1, "me", null);
		StatusReport report = new StatusReport("shop", "1", List.of(drifted),
				List.of("V1 (V1__a.cql) was changed after it was applied"));
		String text = StatusTable.format(report, "host-7/1234");
		assertThat(text).contains("| APPLIED (script changed) |")
			.contains("Validation would fail:\n - V1 (V1__a.cql) was changed after it was applied\n")
			.endsWith("The migration lock is held by host-7/1234\n");
	}

	@Test
	void saysSoWhenThereAreNoMigrations() {
		String text = StatusTable.format(new StatusReport("shop", null, List.of(), List.of()), null);
		assertThat(text).isEqualTo("""
				Keyspace shop: no version applied
				No migrations found.
				Total: 0 | Applied: 0 | Pending: 0 | Failed: 0
				""");
	}

}
