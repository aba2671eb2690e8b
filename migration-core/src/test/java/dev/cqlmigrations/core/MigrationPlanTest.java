package dev.cqlmigrations.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationPlanTest {

	private static final List<CqlStatement> TWO = List.of(new CqlStatement("CREATE TABLE a (id int PRIMARY KEY)", 1, 1),
			new CqlStatement("CREATE TABLE b (id int PRIMARY KEY)", 2, 1));

	@Test
	void everythingIsPendingOnAnEmptyHistory() {
		MigrationPlan plan = MigrationPlan.of(List.of(cql("1", 11), cql("2", 22)), List.of(), false, MigrationVersion.LATEST);

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
				List.of(entry("1", HistoryState.APPLIED, 11, 2, null)), false, MigrationVersion.LATEST);

		assertThat(plan.pending()).extracting((p) -> p.migration().version().toString()).containsExactly("2");
		assertThat(plan.current()).hasToString("1");
		assertThat(plan.infos().get(0).appliedChecksum()).isEqualTo(11);
	}

	@Test
	void checksumDriftMissingScriptAndOutOfOrderAreProblems() {
		MigrationPlan plan = MigrationPlan.of(List.of(cql("1", 99), cql("1.5", 15)),
				List.of(entry("1", HistoryState.APPLIED, 11, 2, null), entry("2", HistoryState.APPLIED, 22, 2, null)),
				false, MigrationVersion.LATEST);

		assertThat(plan.problems()).hasSize(3);
		assertThat(plan.infos()).extracting(MigrationInfo::state)
			.containsExactly(MigrationState.APPLIED, MigrationState.OUT_OF_ORDER, MigrationState.MISSING);
		assertThat(plan.infos().get(0).checksumDrift()).isTrue();
		assertThat(plan.pending()).isEmpty();
	}

	@Test
	void outOfOrderAllowedMakesOlderVersionPending() {
		MigrationPlan plan = MigrationPlan.of(List.of(cql("1.5", 15), cql("2", 22)),
				List.of(entry("2", HistoryState.APPLIED, 22, 2, null)), true, MigrationVersion.LATEST);

		assertThat(plan.problems()).isEmpty();
		assertThat(plan.pending()).singleElement().satisfies((p) -> assertThat(p.migration().version()).hasToString("1.5"));
	}

	@Test
	void failedMigrationResumesWhenTheRanStatementsAreUnchanged() {
		MigrationPlan plan = MigrationPlan.of(List.of(cql("1", 11)),
				List.of(entry("1", HistoryState.FAILED, 11, 1, ProgressChecksum.of(TWO, 1))), false, MigrationVersion.LATEST);

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
				List.of(entry("1", HistoryState.IN_PROGRESS, 11, 1, ProgressChecksum.of(TWO, 1))), false, MigrationVersion.LATEST);

		assertThat(plan.pending()).singleElement().satisfies((p) -> assertThat(p.resumesAfterCrash()).isTrue());
		assertThat(plan.infos().get(0).state()).isEqualTo(MigrationState.IN_PROGRESS);
	}

	@Test
	void failedMigrationWithChangedPrefixCannotResume() {
		MigrationPlan plan = MigrationPlan.of(List.of(cql("1", 11)),
				List.of(entry("1", HistoryState.FAILED, 11, 1, 12345)), false, MigrationVersion.LATEST);

		assertThat(plan.pending()).isEmpty();
		assertThat(plan.problems()).singleElement().asString().contains("cannot resume safely");
	}

	@Test
	void failedMigrationWhoseScriptIsGoneIsAProblem() {
		MigrationPlan plan = MigrationPlan.of(List.of(), List.of(entry("1", HistoryState.FAILED, 11, 1, 1)), false,
				MigrationVersion.LATEST);

		assertThat(plan.problems()).singleElement().asString().contains("no longer on disk");
	}

	@Test
	void rolledBackMigrationIsPendingAgainAndGoneOneIsHarmless() {
		MigrationPlan plan = MigrationPlan.of(List.of(cql("1", 11)),
				List.of(entry("1", HistoryState.ROLLED_BACK, 11, 2, null), entry("2", HistoryState.ROLLED_BACK, 22, 2, null)),
				false, MigrationVersion.LATEST);

		assertThat(plan.problems()).isEmpty();
		assertThat(plan.pending()).singleElement().satisfies((p) -> assertThat(p.previous()).isNotNull());
		assertThat(plan.infos()).extracting(MigrationInfo::state).containsOnly(MigrationState.ROLLED_BACK);
		assertThat(plan.infos().get(0).state().isPending()).isTrue();
	}

	@Test
	void rolledBackOlderThanCurrentIsOutOfOrder() {
		MigrationPlan plan = MigrationPlan.of(List.of(cql("1", 11), cql("2", 22)),
				List.of(entry("1", HistoryState.ROLLED_BACK, 11, 2, null), entry("2", HistoryState.APPLIED, 22, 2, null)),
				false, MigrationVersion.LATEST);

		assertThat(plan.infos().get(0).state()).isEqualTo(MigrationState.OUT_OF_ORDER);
		assertThat(plan.problems()).hasSize(1);
	}

	@Test
	void failedRollbackIsAProblem() {
		MigrationPlan plan = MigrationPlan.of(List.of(cql("1", 11)),
				List.of(entry("1", HistoryState.ROLLBACK_FAILED, 11, 0, null)), false, MigrationVersion.LATEST);

		assertThat(plan.problems()).singleElement().asString().contains("its rollback failed");
		assertThat(plan.current()).hasToString("1");
	}

	@Test
	void baselineHidesOlderMigrations() {
		HistoryEntry baseline = new HistoryEntry(MigrationVersion.parse("2"), "base", MigrationType.BASELINE, "base",
				null, null, null, HistoryState.APPLIED, 0, 0, null, Instant.now(), null, 0, "me", null, List.of());
		MigrationPlan plan = MigrationPlan.of(List.of(cql("1", 11), cql("2", 22), cql("3", 33)), List.of(baseline),
				false, MigrationVersion.LATEST);

		assertThat(plan.infos()).extracting(MigrationInfo::state)
			.containsExactly(MigrationState.BELOW_BASELINE, MigrationState.BASELINE, MigrationState.PENDING);
		assertThat(plan.pending()).hasSize(1);
	}

	@Test
	void aChangedPlaceholderValueIsNamedWithItsOldAndNewValue() {
		List<CqlStatement> statements = List.of(new CqlStatement("CREATE KEYSPACE ph_b WITH replication = {}", 3, 1),
				new CqlStatement("CREATE TABLE ph_b.t (id int PRIMARY KEY)", 4, 1), new CqlStatement("BROKEN", 5, 1));
		ResolvedMigration disk = new ResolvedMigration(MigrationVersion.parse("1"), "ks", MigrationType.CQL,
				"V1__ks.cql", 11, statements, null, null, List.of(), null,
				List.of(Map.of("ks", "ph_b"), Map.of("ks", "ph_b"), Map.of()));
		// What the failed run with ks=ph_a recorded: the checksum of its first two statements and its values.
		List<CqlStatement> before = List.of(new CqlStatement("CREATE KEYSPACE ph_a WITH replication = {}", 3, 1),
				new CqlStatement("CREATE TABLE ph_a.t (id int PRIMARY KEY)", 4, 1));
		HistoryEntry failed = new HistoryEntry(MigrationVersion.parse("1"), "ks", MigrationType.CQL, "V1__ks.cql", 11,
				null, null, HistoryState.FAILED, 2, 3, ProgressChecksum.of(before, 2), Instant.now(), null, 5, "me",
				"boom", List.of("2026-12-03T08:00:00Z " + PlaceholderAudit.event("ks", "ph_a") + " by me@host",
						"2026-12-03T08:00:01Z FAILED at statement 3 by me@host"));

		MigrationPlan plan = MigrationPlan.of(List.of(disk), List.of(failed), false, MigrationVersion.LATEST);

		assertThat(plan.pending()).isEmpty();
		assertThat(plan.problems()).singleElement().asString()
			.startsWith("V1 (V1__ks.cql) stopped after statements 1-2 of 3 in an earlier run; the script is unchanged, "
					+ "but a placeholder value changed since that run: ${ks} was 'ph_a' in that run and is 'ph_b' now.")
			.contains("now reads: CREATE KEYSPACE ph_b WITH replication = {}")
			.contains("To resume, set migrations.placeholders.ks back to 'ph_a' and run again: it continues at "
					+ "statement 3.")
			.contains("undo by hand what statements 1-2 did with the old value, then run 'migrate repair'")
			.doesNotContain("changed since, so it cannot resume safely");
	}

	@Test
	void aChangedPlaceholderWithoutRecordedValuesSaysSo() {
		List<CqlStatement> statements = List.of(new CqlStatement("CREATE TABLE ph_b.t (id int PRIMARY KEY)", 1, 1),
				new CqlStatement("BROKEN", 2, 1));
		ResolvedMigration disk = new ResolvedMigration(MigrationVersion.parse("1"), "t", MigrationType.CQL,
				"V1__t.cql", 11, statements, null, null, List.of(), null, List.of(Map.of("ks", "ph_b"), Map.of()));
		HistoryEntry failed = new HistoryEntry(MigrationVersion.parse("1"), "t", MigrationType.CQL, "V1__t.cql", 11,
				null, null, HistoryState.FAILED, 1, 2, 12345, Instant.now(), null, 5, "me", "boom", List.of());

		MigrationPlan plan = MigrationPlan.of(List.of(disk), List.of(failed), false, MigrationVersion.LATEST);

		assertThat(plan.problems()).singleElement().asString()
			.contains("stopped after statement 1 of 2", "${ks} is 'ph_b' now (the values of that run are not recorded)",
					"set migrations.placeholders.ks back to the value of that run");
	}

	@Test
	void anEditedScriptIsStillReportedAsEdited() {
		ResolvedMigration disk = new ResolvedMigration(MigrationVersion.parse("1"), "t", MigrationType.CQL,
				"V1__t.cql", 99, TWO, null, null, List.of(), null, List.of(Map.of("ks", "x"), Map.of()));
		HistoryEntry failed = new HistoryEntry(MigrationVersion.parse("1"), "t", MigrationType.CQL, "V1__t.cql", 11,
				null, null, HistoryState.FAILED, 1, 2, 12345, Instant.now(), null, 5, "me", "boom", List.of());

		MigrationPlan plan = MigrationPlan.of(List.of(disk), List.of(failed), false, MigrationVersion.LATEST);

		assertThat(plan.problems()).singleElement().asString()
			.contains("the statements before that point changed since", "'migrate repair'");
	}

	@Test
	void aFailedRunHasNoApplicationTimeAndTheCurrentVersionIsShownAsWritten() {
		ResolvedMigration written = new ResolvedMigration(MigrationVersion.parse("1.0"), "d", MigrationType.CQL,
				"V1.0__d.cql", 11, TWO, null, null, List.of(), null);
		MigrationPlan plan = MigrationPlan.of(List.of(written, cql("2", 22)),
				List.of(entry("1", HistoryState.APPLIED, 11, 2, null), entry("2", HistoryState.FAILED, 22, 0, null)),
				false, MigrationVersion.LATEST);

		assertThat(plan.current()).hasToString("1.0");
		assertThat(plan.infos()).extracting(MigrationInfo::version).containsExactly("1.0", "2");
		assertThat(plan.infos().get(0).appliedAt()).isNotNull();
		assertThat(plan.infos().get(1).appliedAt()).isNull();
		assertThat(plan.infos().get(1).executionMillis()).isEqualTo(5L);
	}

	@Test
	void aSecretPlaceholderIsNeverRecordedNorShown() {
		assertThat(PlaceholderAudit.event("app_password", "hunter2")).doesNotContain("hunter2");
		assertThat(PlaceholderAudit.event("keyspace", "shop")).contains("'shop'");
		List<CqlStatement> statements = List.of(
				new CqlStatement("CREATE ROLE app WITH PASSWORD = 'hunter3' AND LOGIN = true", 1, 1),
				new CqlStatement("BROKEN", 2, 1));
		ResolvedMigration disk = new ResolvedMigration(MigrationVersion.parse("1"), "role", MigrationType.CQL,
				"V1__role.cql", 11, statements, null, null, List.of(), null,
				List.of(Map.of("app_password", "hunter3"), Map.of()));
		HistoryEntry failed = new HistoryEntry(MigrationVersion.parse("1"), "role", MigrationType.CQL,
				"V1__role.cql", 11, null, null, HistoryState.FAILED, 1, 2, 12345, Instant.now(), null, 5, "me", "boom",
				List.of("t1 " + PlaceholderAudit.event("app_password", "hunter2") + " by me@host"));

		MigrationPlan plan = MigrationPlan.of(List.of(disk), List.of(failed), false, MigrationVersion.LATEST);

		assertThat(plan.problems()).singleElement().asString()
			.contains("${app_password} may have changed (a secret: its values are not shown)",
					"set migrations.placeholders.app_password back to the value of that run")
			.doesNotContain("hunter2", "hunter3", "******");
	}

	@Test
	void recordedPlaceholdersTakeTheLatestValueAndIgnoreOtherLines() {
		assertThat(PlaceholderAudit.recorded(List.of(
				"t1 " + PlaceholderAudit.event("a", "1") + " by x",
				"t2 APPLIED by x", "t3 " + PlaceholderAudit.event("a", "it's 2") + " by x y",
				"t4 " + PlaceholderAudit.event("r", "{'class': 'SimpleStrategy'}") + " by x")))
			.containsExactly(Map.entry("a", "it's 2"), Map.entry("r", "{'class': 'SimpleStrategy'}"));
		assertThat(PlaceholderAudit.recorded(null)).isEmpty();
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
