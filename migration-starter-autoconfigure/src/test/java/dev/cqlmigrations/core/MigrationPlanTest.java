package dev.cqlmigrations.core;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationPlanTest {

	private static final List<CqlStatement> TWO = List.of(new CqlStatement("CREATE TABLE a (id int PRIMARY KEY)", 1, 1),
			new CqlStatement("CREATE TABLE b (id int PRIMARY KEY)", 2, 1));

	@Test
	void everythingIsPendingOnAnEmptyHistory() {
		MigrationPlan plan = MigrationPlan.of(List.of(cql("1", 11), cql("2", 22)), List.of(), false, null);

		assertThat(plan.pending()).extracting((p) -> p.migration().version().toString()).containsExactly("1", "2");
		assertThat(plan.infos()).extracting(MigrationInfo::state).containsOnly(MigrationState.PENDING);
		assertThat(plan.problems()).isEmpty();
		assertThat(plan.current()).isNull();
	}

	@Test
	void targetLimitsPendingButNotStatus() {
		MigrationPlan plan = MigrationPlan.of(List.of(cql("1", 11), cql("2", 22), cql("3", 33)), List.of(), false,
				MigrationVersion.parse("2"));

		assertThat(plan.pending()).hasSize(2);
		assertThat(plan.infos()).hasSize(3);
	}

	@Test
	void appliedWithSameChecksumIsNotPending() {
		MigrationPlan plan = MigrationPlan.of(List.of(cql("1", 11), cql("2", 22)),
				List.of(entry("1", HistoryState.APPLIED, 11, 2, null)), false, null);

		assertThat(plan.pending()).extracting((p) -> p.migration().version().toString()).containsExactly("2");
		assertThat(plan.current()).hasToString("1");
		assertThat(plan.infos().get(0).appliedChecksum()).isEqualTo(11);
	}

	@Test
	void checksumDriftMissingScriptAndOutOfOrderAreProblems() {
		MigrationPlan plan = MigrationPlan.of(List.of(cql("1", 99), cql("1.5", 15)),
				List.of(entry("1", HistoryState.APPLIED, 11, 2, null), entry("2", HistoryState.APPLIED, 22, 2, null)),
				false, null);

		assertThat(plan.problems()).hasSize(3);
		assertThat(plan.infos()).extracting(MigrationInfo::state)
			.containsExactly(MigrationState.APPLIED, MigrationState.OUT_OF_ORDER, MigrationState.MISSING);
		assertThat(plan.infos().get(0).checksumDrift()).isTrue();
		assertThat(plan.pending()).isEmpty();
	}

	@Test
	void outOfOrderAllowedMakesOlderVersionPending() {
		MigrationPlan plan = MigrationPlan.of(List.of(cql("1.5", 15), cql("2", 22)),
				List.of(entry("2", HistoryState.APPLIED, 22, 2, null)), true, null);

		assertThat(plan.problems()).isEmpty();
		assertThat(plan.pending()).singleElement().satisfies((p) -> assertThat(p.migration().version()).hasToString("1.5"));
	}

	@Test
	void failedMigrationResumesWhenTheRanStatementsAreUnchanged() {
		MigrationPlan plan = MigrationPlan.of(List.of(cql("1", 11)),
				List.of(entry("1", HistoryState.FAILED, 11, 1, ProgressChecksum.of(TWO, 1))), false, null);

		assertThat(plan.problems()).isEmpty();
		assertThat(plan.pending()).singleElement().satisfies((p) -> {
			assertThat(p.resumeFrom()).isEqualTo(1);
			assertThat(p.resumesAfterCrash()).isFalse();
		});
		assertThat(plan.infos().get(0).state()).isEqualTo(MigrationState.FAILED);
	}

	@Test
	void inProgressMigrationResumesAfterACrash() {
		MigrationPlan plan = MigrationPlan.of(List.of(cql("1", 11)),
				List.of(entry("1", HistoryState.IN_PROGRESS, 11, 1, ProgressChecksum.of(TWO, 1))), false, null);

		assertThat(plan.pending()).singleElement().satisfies((p) -> assertThat(p.resumesAfterCrash()).isTrue());
		assertThat(plan.infos().get(0).state()).isEqualTo(MigrationState.IN_PROGRESS);
	}

	@Test
	void failedMigrationWithChangedPrefixCannotResume() {
		MigrationPlan plan = MigrationPlan.of(List.of(cql("1", 11)),
				List.of(entry("1", HistoryState.FAILED, 11, 1, 12345)), false, null);

		assertThat(plan.pending()).isEmpty();
		assertThat(plan.problems()).singleElement().asString().contains("cannot resume safely");
	}

	@Test
	void failedMigrationWhoseScriptIsGoneIsAProblem() {
		MigrationPlan plan = MigrationPlan.of(List.of(), List.of(entry("1", HistoryState.FAILED, 11, 1, 1)), false,
				null);

		assertThat(plan.problems()).singleElement().asString().contains("no longer on disk");
	}

	@Test
	void rolledBackMigrationIsPendingAgainAndGoneOneIsHarmless() {
		MigrationPlan plan = MigrationPlan.of(List.of(cql("1", 11)),
				List.of(entry("1", HistoryState.ROLLED_BACK, 11, 2, null), entry("2", HistoryState.ROLLED_BACK, 22, 2, null)),
				false, null);

		assertThat(plan.problems()).isEmpty();
		assertThat(plan.pending()).singleElement().satisfies((p) -> assertThat(p.previous()).isNotNull());
		assertThat(plan.infos()).extracting(MigrationInfo::state).containsOnly(MigrationState.ROLLED_BACK);
		assertThat(plan.infos().get(0).state().isPending()).isTrue();
	}

	@Test
	void rolledBackOlderThanCurrentIsOutOfOrder() {
		MigrationPlan plan = MigrationPlan.of(List.of(cql("1", 11), cql("2", 22)),
				List.of(entry("1", HistoryState.ROLLED_BACK, 11, 2, null), entry("2", HistoryState.APPLIED, 22, 2, null)),
				false, null);

		assertThat(plan.infos().get(0).state()).isEqualTo(MigrationState.OUT_OF_ORDER);
		assertThat(plan.problems()).hasSize(1);
	}

	@Test
	void failedRollbackIsAProblem() {
		MigrationPlan plan = MigrationPlan.of(List.of(cql("1", 11)),
				List.of(entry("1", HistoryState.ROLLBACK_FAILED, 11, 0, null)), false, null);

		assertThat(plan.problems()).singleElement().asString().contains("its rollback failed");
		assertThat(plan.current()).hasToString("1");
	}

	@Test
	void baselineHidesOlderMigrations() {
		HistoryEntry baseline = new HistoryEntry(MigrationVersion.parse("2"), "base", MigrationType.BASELINE, "base",
				null, null, null, HistoryState.APPLIED, 0, 0, null, Instant.now(), null, 0, "me", null, List.of());
		MigrationPlan plan = MigrationPlan.of(List.of(cql("1", 11), cql("2", 22), cql("3", 33)), List.of(baseline),
				false, null);

		assertThat(plan.infos()).extracting(MigrationInfo::state)
			.containsExactly(MigrationState.BELOW_BASELINE, MigrationState.BASELINE, MigrationState.PENDING);
		assertThat(plan.pending()).hasSize(1);
	}

	private static ResolvedMigration cql(String version, int checksum) {
		return new ResolvedMigration(MigrationVersion.parse(version), "d" + version, MigrationType.CQL,
				"V" + version + "__d.cql", checksum, TWO, null, null, List.of(), null);
	}

	private static HistoryEntry entry(String version, HistoryState state, int checksum, int done, Integer doneChecksum) {
		return new HistoryEntry(MigrationVersion.parse(version), "d" + version, MigrationType.CQL,
				"V" + version + "__d.cql", checksum, null, null, state, done, 2, doneChecksum, Instant.now(), null, 5,
				"me", null, List.of());
	}

}
