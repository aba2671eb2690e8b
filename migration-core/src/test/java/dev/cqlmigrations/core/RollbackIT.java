package dev.cqlmigrations.core;

import java.nio.file.Path;
import java.time.Duration;

import com.datastax.oss.driver.api.core.cql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@EmbeddedCassandra
class RollbackIT {

	private EngineFixture threeVersions(CassandraNode node, Path dir, String hint) {
		EngineFixture fixture = new EngineFixture(node, dir, hint);
		fixture.write("V1__users.cql", "CREATE TABLE users (id int PRIMARY KEY);")
			.write("U1__users.cql", "DROP TABLE users;")
			.write("V2__email.cql", "ALTER TABLE users ADD email text;")
			.write("U2__email.cql", "ALTER TABLE users DROP email;")
			.write("V3__orders.cql", "CREATE TABLE orders (id int PRIMARY KEY);\nCREATE TABLE lines (id int PRIMARY KEY);")
			.write("U3__orders.cql", "DROP TABLE lines;\nDROP TABLE orders;");
		fixture.engine().migrate();
		return fixture;
	}

	@Test
	void rollsBackTheLastAppliedMigrationAndKeepsItsRow(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = threeVersions(node, dir, "rblast");

		MigrationRunResult result = fixture.engine().rollback(RollbackRequest.last());

		assertThat(result.direction()).isEqualTo(MigrationRunResult.Direction.DOWN);
		assertThat(result.migrations()).singleElement().satisfies((item) -> {
			assertThat(item.version()).isEqualTo("3");
			assertThat(item.script()).isEqualTo("U3__orders.cql");
			assertThat(item.statements()).containsExactly("DROP TABLE lines", "DROP TABLE orders");
		});
		assertThat(result.versionBefore()).isEqualTo("3");
		assertThat(result.versionAfter()).isEqualTo("2");
		assertThat(fixture.tableExists(fixture.keyspace, "orders")).isFalse();
		assertThat(fixture.history()).containsExactly("1:APPLIED:1", "2:APPLIED:1", "3:ROLLED_BACK:2");
		Row row = fixture.historyRow("3");
		assertThat(row.getInstant("rolled_back_at")).isNotNull();
		assertThat(row.getList("audit", String.class)).hasSize(2).last().asString().contains("ROLLED_BACK");
		assertThat(fixture.engine().status().migrations().get(2).state()).isEqualTo(MigrationState.ROLLED_BACK);
	}

	@Test
	void rolledBackMigrationIsAppliedAgainByTheNextMigrate(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = threeVersions(node, dir, "rbagain");
		fixture.engine().rollback(RollbackRequest.last());

		MigrationRunResult result = fixture.engine().migrate();

		assertThat(result.migrations()).extracting(MigrationRunItem::version).containsExactly("3");
		assertThat(fixture.tableExists(fixture.keyspace, "orders")).isTrue();
		Row row = fixture.historyRow("3");
		assertThat(row.getString("state")).isEqualTo("APPLIED");
		assertThat(row.getInstant("rolled_back_at")).isNotNull();
		assertThat(row.getList("audit", String.class)).hasSize(3);
	}

	@Test
	void rollsBackSeveralStepsNewestFirst(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = threeVersions(node, dir, "rbsteps");

		MigrationRunResult result = fixture.engine().rollback(RollbackRequest.steps(2));

		assertThat(result.migrations()).extracting(MigrationRunItem::version).containsExactly("3", "2");
		assertThat(fixture.columns("users")).containsExactly("id");
		assertThat(fixture.history()).containsExactly("1:APPLIED:1", "2:ROLLED_BACK:1", "3:ROLLED_BACK:2");
	}

	@Test
	void rollsBackDownToATargetAndToZero(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = threeVersions(node, dir, "rbtarget");

		assertThat(fixture.engine().rollback(RollbackRequest.toTarget("1")).migrations())
			.extracting(MigrationRunItem::version)
			.containsExactly("3", "2");
		assertThat(fixture.engine().rollback(RollbackRequest.toTarget("0")).versionAfter()).isNull();
		assertThat(fixture.tableExists(fixture.keyspace, "users")).isFalse();
		assertThat(fixture.engine().status().pendingCount()).isEqualTo(3);
	}

	@Test
	void dryRunShowsUndoStatementsAndChangesNothing(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = threeVersions(node, dir, "rbdry");

		MigrationRunResult result = fixture.engine().rollback(RollbackRequest.steps(2).asDryRun());

		assertThat(result.dryRun()).isTrue();
		assertThat(result.migrations()).flatExtracting(MigrationRunItem::statements)
			.containsExactly("DROP TABLE lines", "DROP TABLE orders", "ALTER TABLE users DROP email");
		assertThat(fixture.history()).containsExactly("1:APPLIED:1", "2:APPLIED:1", "3:APPLIED:2");
		assertThat(fixture.tableExists(fixture.keyspace, "orders")).isTrue();
	}

	@Test
	void nothingAppliedIsAClearError(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "rbnothing");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);").write("U1__a.cql", "DROP TABLE a;");

		assertThatExceptionOfType(RollbackException.class)
			.isThrownBy(() -> fixture.engine().rollback(RollbackRequest.last()))
			.withMessage("Nothing to roll back: no migration is applied in keyspace " + fixture.keyspace + ".");
	}

	@Test
	void targetAboveCurrentUnknownTargetAndTooManyStepsAreRejected(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = threeVersions(node, dir, "rbbad");

		assertThatExceptionOfType(RollbackException.class)
			.isThrownBy(() -> fixture.engine().rollback(RollbackRequest.toTarget("5")))
			.withMessageContaining("Rollback target 5 is above the current version 3");
		assertThatExceptionOfType(RollbackException.class)
			.isThrownBy(() -> fixture.engine().rollback(RollbackRequest.toTarget("1.5")))
			.withMessageContaining("Unknown rollback target 1.5")
			.withMessageContaining("Applied versions: 3, 2, 1");
		assertThatExceptionOfType(RollbackException.class)
			.isThrownBy(() -> fixture.engine().rollback(RollbackRequest.toTarget("3")))
			.withMessageContaining("already at version 3");
		assertThatExceptionOfType(RollbackException.class)
			.isThrownBy(() -> fixture.engine().rollback(RollbackRequest.steps(4)))
			.withMessageContaining("only 3 are applied");
		assertThatExceptionOfType(RollbackException.class)
			.isThrownBy(() -> fixture.engine().rollback(RollbackRequest.toTarget("x")))
			.withMessageContaining("Invalid rollback target");
		assertThat(fixture.history()).containsExactly("1:APPLIED:1", "2:APPLIED:1", "3:APPLIED:2");
	}

	@Test
	void missingUndoScriptIsAnErrorBeforeAnythingRuns(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "rbnoundo");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);")
			.write("U1__a.cql", "DROP TABLE a;")
			.write("V2__b.cql", "CREATE TABLE b (id int PRIMARY KEY);");
		fixture.engine().migrate();

		assertThatExceptionOfType(RollbackException.class)
			.isThrownBy(() -> fixture.engine().rollback(RollbackRequest.steps(2)))
			.withMessageContaining("V2 (V2__b.cql) has no undo script: add U2__b.cql")
			.withMessageContaining("Nothing was rolled back");
		assertThat(fixture.tableExists(fixture.keyspace, "a")).isTrue();
		assertThat(fixture.history()).containsExactly("1:APPLIED:1", "2:APPLIED:1");
	}

	@Test
	void failingUndoIsRecordedAndRepairMarksItAppliedAgain(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "rbfail");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);")
			.write("U1__a.cql", "DROP TABLE no_such_table;");
		fixture.engine().migrate();

		assertThatExceptionOfType(MigrationExecutionException.class)
			.isThrownBy(() -> fixture.engine().rollback(RollbackRequest.last()))
			.withMessageContaining("Rollback of V1 (U1__a.cql) failed at undo statement 1 of 1")
			.withMessageContaining("ROLLBACK_FAILED");
		assertThat(fixture.history()).containsExactly("1:ROLLBACK_FAILED:0");
		assertThatExceptionOfType(MigrationValidationException.class).isThrownBy(() -> fixture.engine().validate())
			.withMessageContaining("its rollback failed");

		assertThatExceptionOfType(RepairException.class).isThrownBy(() -> fixture.engine().repair())
			.withMessageContaining("V1 (a): its rollback failed after 0 of 1 undo statements")
			.withMessageContaining("--undo-finished")
			.withMessageContaining("--undo-reverted")
			.withMessageEndingWith("Nothing was repaired.");
		assertThat(fixture.history()).containsExactly("1:ROLLBACK_FAILED:0");

		assertThat(fixture.engine().repair(UndoOutcome.REVERTED)).singleElement().asString()
			.contains("V1: marked APPLIED again, its undo reverted by hand");

		assertThat(fixture.history()).containsExactly("1:APPLIED:1");
	}

	@Test
	void repairAfterAnUndoFinishedByHandRecordsItRolledBack(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "rbfinished");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);")
			.write("U1__a.cql", "DROP TABLE a;")
			.write("V2__b.cql", "CREATE TABLE b1 (id int PRIMARY KEY);\nCREATE TABLE b2 (id int PRIMARY KEY);\n"
					+ "CREATE TABLE b3 (id int PRIMARY KEY);")
			.write("U2__b.cql", "DROP TABLE b3;\nDROP TABLE b2_typo;\nDROP TABLE b1;");
		fixture.engine().migrate();
		assertThatExceptionOfType(MigrationExecutionException.class)
			.isThrownBy(() -> fixture.engine().rollback(RollbackRequest.last()))
			.withMessageContaining("failed at undo statement 2 of 3")
			.withMessageContaining("'migrate repair --undo-finished' (records V2 ROLLED_BACK)");
		assertThat(fixture.history()).containsExactly("1:APPLIED:1", "2:ROLLBACK_FAILED:1");
		// The operator follows the message: finishes the undo by hand.
		fixture.session.execute("DROP TABLE " + fixture.keyspace + ".b2");
		fixture.session.execute("DROP TABLE " + fixture.keyspace + ".b1");

		assertThat(fixture.engine().repair(UndoOutcome.FINISHED)).singleElement().asString()
			.contains("V2: marked ROLLED_BACK, its undo finished by hand");

		assertThat(fixture.history()).containsExactly("1:APPLIED:1", "2:ROLLED_BACK:3");
		Row row = fixture.historyRow("2");
		assertThat(row.getInstant("rolled_back_at")).isNotNull();
		assertThat(row.getString("error")).isNull();
		assertThat(row.getList("audit", String.class)).last().asString()
			.contains("REPAIRED (was ROLLBACK_FAILED): undo finished by hand");
		StatusReport status = fixture.engine().validate();
		assertThat(status.currentVersion()).isEqualTo("1");
		assertThat(status.migrations().get(1).state()).isEqualTo(MigrationState.ROLLED_BACK);
		// The history tells the truth: the next migrate creates the tables again.
		assertThat(fixture.engine().migrate().migrations()).extracting(MigrationRunItem::version).containsExactly("2");
		assertThat(fixture.tableExists(fixture.keyspace, "b2")).isTrue();
		assertThat(fixture.history()).containsExactly("1:APPLIED:1", "2:APPLIED:3");
	}

	@Test
	void aRollbackThatMustNotWaitFailsAtOnceWhileAnotherRunHoldsTheLock(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = threeVersions(node, dir, "rbnowait");
		fixture.session.execute("INSERT INTO " + fixture.keyspace + ".migration_lock (name, owner, holder, "
				+ "acquired_at) VALUES ('migrations', 'other', 'ops@other-host [abcd1234]', toTimestamp(now())) "
				+ "USING TTL 60");
		long start = System.nanoTime();

		assertThatExceptionOfType(MigrationLockHeldException.class)
			.isThrownBy(() -> fixture.engine().rollback(RollbackRequest.last().withoutWaitingForLock()))
			.withMessageContaining("Another run holds the migration lock in " + fixture.keyspace
					+ ".migration_lock: ops@other-host [abcd1234]. Nothing was changed.")
			.satisfies((ex) -> assertThat(ex.getHolder()).isEqualTo("ops@other-host [abcd1234]"));

		// A waiting run would time out only after the fixture's 20 s.
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
		assertThat(fixture.history()).containsExactly("1:APPLIED:1", "2:APPLIED:1", "3:APPLIED:2");
		assertThat(fixture.tableExists(fixture.keyspace, "orders")).isTrue();
	}

	@Test
	void anExpectedVersionThatIsNotTheCurrentOneRefusesTheRollback(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = threeVersions(node, dir, "rbexpect");
		MigrationEngine engine = fixture.engine();
		assertThat(engine.rollback(RollbackRequest.last().expectingVersion("3")).versionAfter()).isEqualTo("2");

		// The same request again, as a client that retries after a timeout would send it.
		assertThatExceptionOfType(RollbackException.class)
			.isThrownBy(() -> engine.rollback(RollbackRequest.last().expectingVersion("3")))
			.withMessage("Keyspace " + fixture.keyspace + " is at version 2, not at the expected version 3: the "
					+ "history changed since the request was made (another rollback or migration ran). Nothing was "
					+ "rolled back. Check the current state and send the request again if it is still wanted.");
		assertThatExceptionOfType(RollbackException.class)
			.isThrownBy(() -> engine.rollback(RollbackRequest.last().expectingVersion("3").asDryRun()))
			.withMessageContaining("not at the expected version 3");
		assertThatExceptionOfType(RollbackException.class)
			.isThrownBy(() -> engine.rollback(RollbackRequest.last().expectingVersion("three")))
			.withMessageStartingWith("Invalid expected version");
		assertThat(fixture.history()).containsExactly("1:APPLIED:1", "2:APPLIED:1", "3:ROLLED_BACK:2");
		assertThat(engine.rollback(RollbackRequest.toTarget("0").expectingVersion("2")).versionAfter()).isNull();
		assertThatExceptionOfType(RollbackException.class)
			.isThrownBy(() -> engine.rollback(RollbackRequest.last().expectingVersion("1")))
			.withMessageContaining("is at no version, not at the expected version 1");
	}

	/** The audit's case: V2 edited after it was applied and U2 changed to drop V1's table too. */
	private EngineFixture twoVersionsApplied(CassandraNode node, Path dir, String hint) {
		EngineFixture fixture = new EngineFixture(node, dir, hint);
		fixture.write("V1__t1.cql", "CREATE TABLE t1 (id int PRIMARY KEY);")
			.write("U1__t1.cql", "DROP TABLE t1;")
			.write("V2__t2.cql", "CREATE TABLE t2 (id int PRIMARY KEY);")
			.write("U2__t2.cql", "DROP TABLE t2;");
		fixture.engine().migrate();
		fixture.session.execute("INSERT INTO " + fixture.keyspace + ".t1 (id) VALUES (1)");
		return fixture;
	}

	@Test
	void downRefusesAnUpScriptEditedAfterItWasApplied(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = twoVersionsApplied(node, dir, "rbeditup");
		fixture.write("V2__t2.cql", "CREATE TABLE t2 (id int PRIMARY KEY, note text);");

		assertThatExceptionOfType(MigrationValidationException.class)
			.isThrownBy(() -> fixture.engine().rollback(RollbackRequest.last()))
			.withMessageStartingWith("Validation failed, nothing was changed:")
			.withMessageContaining("V2 (V2__t2.cql) was changed after it was applied")
			.withMessageContaining("'migrate repair'");
		assertThatExceptionOfType(MigrationValidationException.class)
			.isThrownBy(() -> fixture.engine().rollback(RollbackRequest.last().asDryRun()));

		assertThat(fixture.tableExists(fixture.keyspace, "t2")).isTrue();
		assertThat(fixture.history()).containsExactly("1:APPLIED:1", "2:APPLIED:1");
	}

	@Test
	void downRefusesAnUndoScriptEditedAfterItWasAppliedUntilRepairAcceptsIt(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = twoVersionsApplied(node, dir, "rbeditundo");
		fixture.write("U2__t2.cql", "DROP TABLE t2;\nDROP TABLE t1;");

		assertThatExceptionOfType(MigrationValidationException.class)
			.isThrownBy(() -> fixture.engine().rollback(RollbackRequest.last()))
			.withMessageContaining("V2: its undo script U2__t2.cql was changed after V2 was applied")
			.withMessageContaining("run 'migrate repair' to accept the undo script");
		assertThat(fixture.tableExists(fixture.keyspace, "t1")).isTrue();
		assertThat(fixture.tableExists(fixture.keyspace, "t2")).isTrue();
		assertThat(fixture.session.execute("SELECT count(*) FROM " + fixture.keyspace + ".t1").one().getLong(0))
			.isEqualTo(1);
		assertThat(fixture.history()).containsExactly("1:APPLIED:1", "2:APPLIED:1");
		// Another undo script that was not asked for is no reason to refuse.
		fixture.write("U2__t2.cql", "DROP TABLE t2;").write("U1__t1.cql", "DROP TABLE t1; -- edited");
		assertThat(fixture.engine().rollback(RollbackRequest.last().asDryRun()).migrations()).hasSize(1);

		fixture.write("U2__t2.cql", "DROP TABLE t2;\nDROP TABLE t1;");
		assertThat(fixture.engine().repair()).anySatisfy((action) -> assertThat(action).startsWith("V2: accepted"));

		assertThat(fixture.engine().rollback(RollbackRequest.last()).migrations()).singleElement()
			.satisfies((item) -> assertThat(item.statements()).containsExactly("DROP TABLE t2", "DROP TABLE t1"));
	}

	@Test
	void downRefusesAMissingUndoScriptNamingIt(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = twoVersionsApplied(node, dir, "rbgoneundo");
		fixture.delete("U2__t2.cql");

		assertThatExceptionOfType(RollbackException.class)
			.isThrownBy(() -> fixture.engine().rollback(RollbackRequest.last()))
			.withMessage("V2 (V2__t2.cql) cannot be rolled back: its undo script U2__t2.cql was there when it was "
					+ "applied and is missing now. Restore U2__t2.cql as it was. Nothing was rolled back.");
		assertThat(fixture.tableExists(fixture.keyspace, "t2")).isTrue();
		assertThat(fixture.history()).containsExactly("1:APPLIED:1", "2:APPLIED:1");
	}

	@Test
	void validateOnMigrateOffLetsDownRunAnEditedScript(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = twoVersionsApplied(node, dir, "rbnovalid");
		fixture.write("U2__t2.cql", "DROP TABLE t2; -- edited");

		MigrationRunResult result = new MigrationEngine(fixture.session,
				fixture.settings().validateOnMigrate(false).build())
			.rollback(RollbackRequest.last());

		assertThat(result.versionAfter()).isEqualTo("1");
		assertThat(fixture.history()).containsExactly("1:APPLIED:1", "2:ROLLED_BACK:1");
	}

}
