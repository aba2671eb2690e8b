package dev.cqlmigrations.core;

import java.nio.file.Path;
import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@EmbeddedCassandra
class EngineEdgeCasesIT {

	@Test
	void noMigrationsAtAllIsNotAnError(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "nothing");

		MigrationRunResult result = fixture.engine().migrate();

		assertThat(result.migrations()).isEmpty();
		assertThat(result.versionAfter()).isNull();
		assertThat(fixture.engine().settings().keyspace()).isEqualTo(fixture.keyspace);
	}

	@Test
	void failingJavaMigrationIsRecordedAndRunsAgainFromTheStart(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "javafail");
		int[] attempts = { 0 };
		JavaMigration flaky = new TestJavaMigration("1", "flaky backfill") {
			@Override
			public void up(CqlSession session) {
				attempts[0]++;
				if (attempts[0] == 1) {
					throw new IllegalStateException("source system unavailable");
				}
			}
		};
		MigrationSettings settings = fixture.settings().locations(List.of()).javaMigrations(List.of(flaky)).build();

		assertThatExceptionOfType(MigrationExecutionException.class)
			.isThrownBy(() -> new MigrationEngine(fixture.session, settings).migrate())
			.withMessageContaining("Java migration V1")
			.withMessageContaining("source system unavailable");
		assertThat(fixture.history()).containsExactly("1:FAILED:0");

		new MigrationEngine(fixture.session, settings).migrate();
		assertThat(fixture.history()).containsExactly("1:APPLIED:1");
		assertThat(attempts[0]).isEqualTo(2);
	}

	@Test
	void javaMigrationWithDownStepRollsBack(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "javadown");
		JavaMigration reversible = reversibleTable();
		JavaMigration oneWay = new TestJavaMigration("2", "one way") {
			@Override
			public void up(CqlSession session) {
			}
		};
		MigrationEngine engine = new MigrationEngine(fixture.session,
				fixture.settings().locations(List.of()).javaMigrations(List.of(reversible, oneWay)).build());
		engine.migrate();

		assertThatExceptionOfType(RollbackException.class).isThrownBy(() -> engine.rollback(RollbackRequest.last()))
			.withMessageContaining("has no undo step");
		assertThat(fixture.history()).containsExactly("1:APPLIED:1", "2:APPLIED:1");
	}

	@Test
	void javaDownStepRuns(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "javadownruns");
		JavaMigration reversible = reversibleTable();
		MigrationEngine engine = new MigrationEngine(fixture.session,
				fixture.settings().locations(List.of()).javaMigrations(List.of(reversible)).build());
		engine.migrate();

		assertThat(engine.rollback(RollbackRequest.last().asDryRun()).migrations()).singleElement()
			.satisfies((item) -> assertThat(item.statements()).containsExactly(reversible.getClass().getName() + " (Java)"));
		MigrationRunResult result = engine.rollback(RollbackRequest.last());

		assertThat(result.migrations()).singleElement().satisfies((item) -> assertThat(item.statements()).hasSize(1));
		assertThat(fixture.tableExists(fixture.keyspace, "reversible")).isFalse();
		assertThat(fixture.history()).containsExactly("1:ROLLED_BACK:1");
	}

	@Test
	void rollbackIsRefusedWhileAMigrationIsFailedAndForInvalidSteps(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "rbwhilefailed");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);").write("U1__a.cql", "DROP TABLE a;");
		fixture.engine().migrate();
		assertThatExceptionOfType(RollbackException.class)
			.isThrownBy(() -> fixture.engine().rollback(RollbackRequest.steps(0)))
			.withMessageContaining("Invalid number of steps 0");

		fixture.write("V2__b.cql", "CREATE TABLE b (id int PRIMARY KEY, x nosuchtype);");
		assertThatExceptionOfType(MigrationExecutionException.class).isThrownBy(() -> fixture.engine().migrate());

		assertThatExceptionOfType(RollbackException.class)
			.isThrownBy(() -> fixture.engine().rollback(RollbackRequest.last()))
			.withMessageContaining("Cannot roll back while V2 (b) is FAILED");
	}

	@Test
	void rollbackOfAMigrationWhoseScriptsVanishedIsRefused(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "rbvanished");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);").write("U1__a.cql", "DROP TABLE a;");
		fixture.engine().migrate();
		fixture.delete("V1__a.cql").delete("U1__a.cql");

		assertThatExceptionOfType(RollbackException.class)
			.isThrownBy(() -> fixture.engine().rollback(RollbackRequest.last()))
			.withMessageContaining("its scripts are no longer in the migration locations");
	}

	@Test
	void repairOfAFailedReapplicationMarksItRolledBackAndSkipsMissingFiles(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "repairreapply");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);")
			.write("U1__a.cql", "DROP TABLE a;")
			.write("V2__b.cql", "CREATE TABLE b (id int PRIMARY KEY);")
			.write("U2__b.cql", "DROP TABLE b;");
		fixture.engine().migrate();
		fixture.engine().rollback(RollbackRequest.last());
		// re-application fails: the operator created b by hand meanwhile
		fixture.session.execute("CREATE TABLE " + fixture.keyspace + ".b (id int PRIMARY KEY)");
		assertThatExceptionOfType(MigrationExecutionException.class).isThrownBy(() -> fixture.engine().migrate());
		assertThat(fixture.history()).containsExactly("1:APPLIED:1", "2:FAILED:0");

		List<String> actions = fixture.engine().repair();

		assertThat(actions).singleElement().asString().contains("V2: cleared the FAILED run; it is pending again");
		assertThat(fixture.history()).containsExactly("1:APPLIED:1", "2:ROLLED_BACK:0");
	}

	@Test
	void missingKeyspaceIsAClearErrorWhenCreatingItIsNotAllowed(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "nocreate");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);");

		assertThatExceptionOfType(MigrationConfigurationException.class)
			.isThrownBy(() -> new MigrationEngine(fixture.session, fixture.settings().createKeyspace(false).build())
				.migrate())
			.withMessageContaining("Keyspace " + fixture.keyspace + " does not exist")
			.withMessageContaining("migrations.create-keyspace is false");
	}

	@Test
	void statementsThatAlreadyRanAreRecognisedByTheServerMessage() {
		assertThat(StatementExecution.looksAlreadyDone(new InvalidQueryException(null, "Table t already exists")))
			.isTrue();
		assertThat(StatementExecution.looksAlreadyDone(
				new InvalidQueryException(null, "Invalid column name x because it conflicts with an existing column")))
			.isTrue();
		assertThat(StatementExecution.looksAlreadyDone(new InvalidQueryException(null, "Undefined column name y")))
			.isFalse();
		assertThat(StatementExecution.looksAlreadyDone(new IllegalStateException("already exists"))).isFalse();
	}

	private static JavaMigration reversibleTable() {
		return new TestJavaMigration("1", "reversible") {
			@Override
			public void up(CqlSession session) {
				session.execute("CREATE TABLE reversible (id int PRIMARY KEY)");
			}

			@Override
			public boolean canUndo() {
				return true;
			}

			@Override
			public void down(CqlSession session) {
				session.execute("DROP TABLE reversible");
			}
		};
	}

}
