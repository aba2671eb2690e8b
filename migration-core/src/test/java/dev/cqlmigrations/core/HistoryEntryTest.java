package dev.cqlmigrations.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The named transitions of a history row: each builds the next row and adds its own audit line.
 */
class HistoryEntryTest {

	private static final Instant T1 = Instant.parse("2026-12-03T10:00:00Z");

	private static final Instant T2 = Instant.parse("2026-12-03T10:00:02Z");

	private static final List<CqlStatement> TWO = List.of(new CqlStatement("CREATE TABLE a (id int PRIMARY KEY)", 1, 1),
			new CqlStatement("CREATE TABLE b (id int PRIMARY KEY)", 2, 1));

	private static final ResolvedMigration V1 = new ResolvedMigration(MigrationVersion.parse("1"), "tables",
			MigrationType.CQL, "V1__tables.cql", 11, TWO, "U1__tables.cql", 22,
			List.of(new CqlStatement("DROP TABLE b", 1, 1), new CqlStatement("DROP TABLE a", 2, 1)), null);

	@Test
	void startedIsInProgressAtTheResumePointAndRecordsThePlaceholderValues() {
		HistoryEntry started = HistoryEntry.started(V1, 0, null, Map.of("ks", "shop"), "me", T1);

		assertThat(started.state()).isEqualTo(HistoryState.IN_PROGRESS);
		assertThat(started.statementsDone()).isZero();
		assertThat(started.statementsTotal()).isEqualTo(2);
		assertThat(started.doneChecksum()).isEqualTo(ProgressChecksum.of(TWO, 0));
		assertThat(started.checksum()).isEqualTo(11);
		assertThat(started.undoChecksum()).isEqualTo(22);
		assertThat(started.appliedAt()).isEqualTo(T1);
		assertThat(started.audit()).containsExactly(T1 + " PLACEHOLDER ${ks}='shop' by me");
		assertThat(PlaceholderAudit.recorded(started.audit())).containsEntry("ks", "shop");
	}

	@Test
	void appliedCountsEveryStatementAndAddsTheTimeOfEarlierParts() {
		HistoryEntry firstPart = HistoryEntry.started(V1, 0, null, Map.of(), "me", T1).failed(1,
				ProgressChecksum.of(TWO, 1), "boom", "me", T2);
		HistoryEntry resumed = HistoryEntry.started(V1, 1, firstPart, Map.of(), "you", T2);
		HistoryEntry applied = resumed.applied(V1, 300, "you", T2);

		assertThat(firstPart.executionMillis()).isEqualTo(2000);
		assertThat(resumed.executionMillis()).as("time of the earlier part").isEqualTo(2000);
		assertThat(resumed.statementsDone()).isEqualTo(1);
		assertThat(applied.state()).isEqualTo(HistoryState.APPLIED);
		assertThat(applied.statementsDone()).isEqualTo(2);
		assertThat(applied.doneChecksum()).isEqualTo(ProgressChecksum.of(TWO, 2));
		assertThat(applied.executionMillis()).isEqualTo(2300);
		assertThat(applied.installedBy()).isEqualTo("you");
		assertThat(applied.error()).isNull();
		assertThat(applied.audit()).containsExactly(T2 + " FAILED at statement 2 by me", T2 + " APPLIED by you");
	}

	@Test
	void failedKeepsTheProgressAndTheError() {
		HistoryEntry failed = HistoryEntry.started(V1, 0, null, Map.of(), "me", T1).failed(0, 5, "no answer", "me", T2);

		assertThat(failed.state()).isEqualTo(HistoryState.FAILED);
		assertThat(failed.statementsDone()).isZero();
		assertThat(failed.doneChecksum()).isEqualTo(5);
		assertThat(failed.error()).isEqualTo("no answer");
		assertThat(failed.appliedAt()).as("when the run started").isEqualTo(T1);
		assertThat(failed.audit()).containsExactly(T2 + " FAILED at statement 1 by me");
	}

	@Test
	void aRollbackStartsAsFailedAndEndsRolledBack() {
		HistoryEntry applied = HistoryEntry.started(V1, 0, null, Map.of(), "me", T1).applied(V1, 10, "me", T1);

		HistoryEntry started = applied.rollbackStarted(2, "ops", T2);
		assertThat(started.state()).isEqualTo(HistoryState.ROLLBACK_FAILED);
		assertThat(started.statementsDone()).isZero();
		assertThat(started.error()).isEqualTo("rollback started at " + T2 + " and did not finish");
		assertThat(started.audit()).isEqualTo(applied.audit());

		HistoryEntry failed = applied.rollbackFailed(1, 2, "drop failed", "ops", T2);
		assertThat(failed.state()).isEqualTo(HistoryState.ROLLBACK_FAILED);
		assertThat(failed.statementsDone()).isEqualTo(1);
		assertThat(failed.error()).isEqualTo("drop failed");
		assertThat(failed.audit()).last().isEqualTo(T2 + " ROLLBACK FAILED at undo statement 2 by ops");

		HistoryEntry rolledBack = applied.rolledBack(2, 40, "ops", T2);
		assertThat(rolledBack.state()).isEqualTo(HistoryState.ROLLED_BACK);
		assertThat(rolledBack.rolledBackAt()).isEqualTo(T2);
		assertThat(rolledBack.appliedAt()).isEqualTo(T1);
		assertThat(rolledBack.executionMillis()).isEqualTo(40);
		assertThat(rolledBack.doneChecksum()).isNull();
		assertThat(rolledBack.audit()).last().isEqualTo(T2 + " ROLLED_BACK by ops");
	}

	@Test
	void undoFinishedByHandIsRolledBack() {
		HistoryEntry failed = HistoryEntry.started(V1, 0, null, Map.of(), "me", T1)
			.applied(V1, 10, "me", T1)
			.rollbackFailed(1, 2, "drop failed", "me", T1);

		HistoryEntry repaired = failed.undoFinishedByHand("ops", T2);

		assertThat(repaired.state()).isEqualTo(HistoryState.ROLLED_BACK);
		assertThat(repaired.statementsDone()).isEqualTo(2);
		assertThat(repaired.rolledBackAt()).isEqualTo(T2);
		assertThat(repaired.error()).isNull();
		assertThat(repaired.audit()).last()
			.isEqualTo(T2 + " REPAIRED (was ROLLBACK_FAILED): undo finished by hand by ops");
	}

	@Test
	void repairedTakesTheScriptsOnDiskAndClearsTheError() {
		HistoryEntry failed = HistoryEntry.started(V1, 0, null, Map.of(), "me", T1).failed(1, 3, "boom", "me", T1);
		ResolvedMigration edited = new ResolvedMigration(V1.version(), "tables", MigrationType.CQL, "V1__tables.cql",
				99, TWO, null, null, List.of(), null);

		HistoryEntry repaired = failed.repaired(edited, HistoryState.FAILED, 1, 2, "REPAIRED (was FAILED)", "ops", T2);
		assertThat(repaired.checksum()).isEqualTo(99);
		assertThat(repaired.undoScript()).isNull();
		assertThat(repaired.doneChecksum()).isEqualTo(ProgressChecksum.of(TWO, 1));
		assertThat(repaired.error()).isNull();
		assertThat(repaired.installedBy()).as("who ran it, not who repaired it").isEqualTo("me");
		assertThat(repaired.audit()).last().isEqualTo(T2 + " REPAIRED (was FAILED) by ops");

		HistoryEntry gone = failed.repaired(null, HistoryState.ROLLED_BACK, 0, 2, "REPAIRED", "ops", T2);
		assertThat(gone.checksum()).isEqualTo(11);
		assertThat(gone.doneChecksum()).as("no script to check progress against").isNull();
	}

	@Test
	void baselineIsAnAppliedRowWithoutScripts() {
		HistoryEntry baseline = HistoryEntry.baseline(MigrationVersion.parse("3"), "existing schema", "me", T1);

		assertThat(baseline.type()).isEqualTo(MigrationType.BASELINE);
		assertThat(baseline.state()).isEqualTo(HistoryState.APPLIED);
		assertThat(baseline.checksum()).isNull();
		assertThat(baseline.script()).isEqualTo("existing schema");
		assertThat(baseline.audit()).containsExactly(T1 + " BASELINE by me");
	}

}
