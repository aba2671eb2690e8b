package dev.cqlmigrations.core;

import java.nio.file.Path;

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

		fixture.engine().repair();

		assertThat(fixture.history()).containsExactly("1:APPLIED:1");
	}

}
