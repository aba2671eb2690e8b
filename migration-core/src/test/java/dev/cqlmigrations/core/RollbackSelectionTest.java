package dev.cqlmigrations.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every way a rollback is refused, and what it selects when it is not: pure logic, no cluster.
 */
class RollbackSelectionTest {

	private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");

	private static final List<CqlStatement> UP = List.of(new CqlStatement("CREATE TABLE t (id int PRIMARY KEY)", 1, 1));

	private static final List<CqlStatement> UNDO = List.of(new CqlStatement("DROP TABLE t", 1, 1));

	private final RollbackSelection selection = new RollbackSelection("shop", true);

	private final List<ResolvedMigration> three = List.of(undoable("1", 101), undoable("2", 102), undoable("3", 103));

	private final List<HistoryEntry> threeApplied = List.of(applied(this.three.get(0)), applied(this.three.get(1)),
			applied(this.three.get(2)));

	@Test
	void theLastAppliedMigrationIsSelectedByDefault() {
		assertThat(this.selection.select(this.three, this.threeApplied, RollbackRequest.last()))
			.extracting((migration) -> migration.version().toString())
			.containsExactly("3");
	}

	@Test
	void stepsSelectTheNewestFirstAndTargetZeroSelectsEverything() {
		assertThat(versions(this.selection.select(this.three, this.threeApplied, RollbackRequest.steps(2))))
			.containsExactly("3", "2");
		assertThat(versions(this.selection.select(this.three, this.threeApplied, RollbackRequest.toTarget("0"))))
			.containsExactly("3", "2", "1");
		assertThat(versions(this.selection.select(this.three, this.threeApplied, RollbackRequest.toTarget("1"))))
			.containsExactly("3", "2");
	}

	@Test
	void anUnfinishedMigrationRefusesEveryRollback() {
		HistoryEntry failed = started(this.three.get(2)).failed(0, null, "boom", "me", AT);

		assertRefused(List.of(this.threeApplied.get(0), this.threeApplied.get(1), failed), RollbackRequest.last(),
				"Cannot roll back while V3 (d3) is FAILED: complete it with 'migrate up' or clear it with 'migrate "
						+ "repair' first.");
	}

	@Test
	void anExpectedVersionOtherThanTheCurrentOneRefuses() {
		String rest = ": the history changed since the request was made (another rollback or migration ran). "
				+ "Nothing was rolled back. Check the current state and send the request again if it is still wanted.";
		assertRefused(this.threeApplied, RollbackRequest.last().expectingVersion("2"),
				"Keyspace shop is at version 3, not at the expected version 2" + rest);
		assertRefused(List.of(), RollbackRequest.last().expectingVersion("1"),
				"Keyspace shop is at no version, not at the expected version 1" + rest);
	}

	@Test
	void nothingAppliedRefuses() {
		assertRefused(List.of(HistoryEntry.baseline(MigrationVersion.parse("1"), "existing", "me", AT)),
				RollbackRequest.last(), "Nothing to roll back: no migration is applied in keyspace shop.");
	}

	@Test
	void moreStepsThanAppliedMigrationsRefuse() {
		assertRefused(this.threeApplied, RollbackRequest.steps(4),
				"Cannot roll back 4 migrations: only 3 are applied in keyspace shop (3, 2, 1).");
		assertRefused(List.of(this.threeApplied.get(0)), RollbackRequest.steps(2),
				"Cannot roll back 2 migrations: only 1 is applied in keyspace shop (1).");
	}

	@Test
	void aTargetAtOrAboveTheCurrentVersionRefuses() {
		assertRefused(this.threeApplied, RollbackRequest.toTarget("5"),
				"Rollback target 5 is above the current version 3: a rollback only goes down. Use 'migrate up' to go "
						+ "up.");
		assertRefused(this.threeApplied, RollbackRequest.toTarget("3"),
				"Nothing to roll back: keyspace shop is already at version 3.");
	}

	@Test
	void anUnknownTargetRefuses() {
		assertRefused(this.threeApplied, RollbackRequest.toTarget("1.5"),
				"Unknown rollback target 1.5: no migration has that version. Applied versions: 3, 2, 1 (use 0 to roll "
						+ "back everything).");
	}

	@Test
	void aTargetBelowTheBaselineRefuses() {
		HistoryEntry baseline = HistoryEntry.baseline(MigrationVersion.parse("1"), "existing", "me", AT);

		assertRefused(List.of(baseline, this.threeApplied.get(1), this.threeApplied.get(2)),
				RollbackRequest.toTarget("0"), "Cannot roll back below the baseline at version 1: the schema before "
						+ "it was not created by migrations.");
	}

	@Test
	void aMigrationWhoseScriptsAreGoneRefuses() {
		assertRefused(this.three.subList(0, 2), this.threeApplied, RollbackRequest.last(),
				"V3 (d3) cannot be rolled back: its scripts are no longer in the migration locations. Restore "
						+ "V3__d3.cql and its undo script. Nothing was rolled back.");
	}

	@Test
	void anUndoScriptThatWasThereWhenAppliedAndIsGoneRefuses() {
		List<ResolvedMigration> withoutUndo = List.of(this.three.get(0), this.three.get(1), withoutUndo("3"));

		assertRefused(withoutUndo, this.threeApplied, RollbackRequest.last(),
				"V3 (V3__d3.cql) cannot be rolled back: its undo script U3__d3.cql was there when it was applied and "
						+ "is missing now. Restore U3__d3.cql as it was. Nothing was rolled back.");
	}

	@Test
	void aMigrationWithoutUndoRefusesNamingTheScriptOrTheMethodsToAdd() {
		ResolvedMigration cql = withoutUndo("1");
		assertRefused(List.of(cql), List.of(applied(cql)), RollbackRequest.last(),
				"V1 (V1__d1.cql) has no undo script: add U1__d1.cql to roll it back. Nothing was rolled back.");

		ResolvedMigration java = new ResolvedMigration(MigrationVersion.parse("2"), "java", MigrationType.JAVA,
				"com.example.V2__java", null, List.of(), null, null, List.of(), new TestJavaMigration("2", "java") {
					@Override
					public void up(CqlSession session) {
					}
				});
		assertRefused(List.of(java), List.of(applied(java)), RollbackRequest.last(),
				"V2 (com.example.V2__java) has no undo step (implement down() and canUndo()) to roll it back. Nothing "
						+ "was rolled back.");
	}

	@Test
	void anUndoScriptChangedSinceItsMigrationWasAppliedFailsValidation() {
		List<ResolvedMigration> edited = List.of(this.three.get(0), this.three.get(1), undoable("3", 999));

		assertThatExceptionOfType(MigrationValidationException.class)
			.isThrownBy(() -> this.selection.select(edited, this.threeApplied, RollbackRequest.last()))
			.satisfies((ex) -> assertThat(ex.getProblems()).containsExactly("V3: its undo script U3__d3.cql was "
					+ "changed after V3 was applied (checksum 103 in the history, 999 on disk). Undo the edit, or run "
					+ "'migrate repair' to accept the undo script as it is now."));
		assertThat(versions(new RollbackSelection("shop", false).select(edited, this.threeApplied,
				RollbackRequest.last())))
			.as("migrations.validate-on-migrate=false trusts the scripts")
			.containsExactly("3");
	}

	private void assertRefused(List<HistoryEntry> entries, RollbackRequest request, String message) {
		assertRefused(this.three, entries, request, message);
	}

	private void assertRefused(List<ResolvedMigration> loaded, List<HistoryEntry> entries, RollbackRequest request,
			String message) {
		assertThatExceptionOfType(RollbackException.class)
			.isThrownBy(() -> this.selection.select(loaded, entries, request))
			.withMessage(message);
	}

	private static List<String> versions(List<ResolvedMigration> migrations) {
		return migrations.stream().map((migration) -> migration.version().toString()).toList();
	}

	private static ResolvedMigration undoable(String version, int undoChecksum) {
		return new ResolvedMigration(MigrationVersion.parse(version), "d" + version, MigrationType.CQL,
				"V" + version + "__d" + version + ".cql", 10, UP, "U" + version + "__d" + version + ".cql",
				undoChecksum, UNDO, null);
	}

	private static ResolvedMigration withoutUndo(String version) {
		return new ResolvedMigration(MigrationVersion.parse(version), "d" + version, MigrationType.CQL,
				"V" + version + "__d" + version + ".cql", 10, UP, null, null, List.of(), null);
	}

	private static HistoryEntry started(ResolvedMigration migration) {
		return HistoryEntry.started(migration, 0, null, Map.of(), "me", AT);
	}

	private static HistoryEntry applied(ResolvedMigration migration) {
		return started(migration).applied(migration, 5, "me", AT);
	}

}
