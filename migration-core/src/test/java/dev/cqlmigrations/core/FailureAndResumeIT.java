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
class FailureAndResumeIT {

	private static final String GOOD_START = """
			CREATE TABLE first (id int PRIMARY KEY);
			CREATE TABLE second (id int PRIMARY KEY);
			""";

	@Test
	void failingStatementIsRecordedWithItsIndexAndTheServerMessage(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "fail");
		fixture.write("V1__ok.cql", "CREATE TABLE ok (id int PRIMARY KEY);")
			.write("V2__broken.cql", GOOD_START + "CREATE TABLE third (id int PRIMARY KEY, oops unknowntype);\n"
					+ "CREATE TABLE fourth (id int PRIMARY KEY);")
			.write("V3__later.cql", "CREATE TABLE later (id int PRIMARY KEY);");

		assertThatExceptionOfType(MigrationExecutionException.class).isThrownBy(() -> fixture.engine().migrate())
			.withMessageContaining("Migration V2 (V2__broken.cql) failed at statement 3 of 4 (line 3)")
			.withMessageContaining("unknowntype")
			.withMessageContaining("resumes at statement 3")
			.satisfies((ex) -> assertThat(ex.getStatementIndex()).isEqualTo(2));

		assertThat(fixture.history()).containsExactly("1:APPLIED:1", "2:FAILED:2");
		Row failed = fixture.historyRow("2");
		assertThat(failed.getString("error")).containsIgnoringCase("unknowntype");
		assertThat(fixture.tableExists(fixture.keyspace, "second")).isTrue();
		assertThat(fixture.tableExists(fixture.keyspace, "fourth")).isFalse();
		assertThat(fixture.tableExists(fixture.keyspace, "later")).isFalse();
		assertThat(fixture.engine().status().count(MigrationState.FAILED)).isEqualTo(1);
	}

	@Test
	void nextRunResumesAtTheFailedStatementWithoutRepeatingEarlierOnes(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "resume");
		fixture.write("V1__broken.cql", GOOD_START + "CREATE TABLE third (id int PRIMARY KEY, oops unknowntype);");
		assertThatExceptionOfType(MigrationExecutionException.class).isThrownBy(() -> fixture.engine().migrate());

		// CREATE TABLE without IF NOT EXISTS: repeating the first two statements would fail
		fixture.write("V1__broken.cql", GOOD_START + "CREATE TABLE third (id int PRIMARY KEY, fixed text);");
		MigrationRunResult result = fixture.engine().migrate();

		assertThat(result.migrations()).singleElement()
			.satisfies((item) -> assertThat(item.statements()).containsExactly("CREATE TABLE third (id int PRIMARY KEY, fixed text)"));
		assertThat(fixture.history()).containsExactly("1:APPLIED:3");
		assertThat(fixture.columns("third")).containsExactly("fixed", "id");
		assertThat(fixture.historyRow("1").getString("error")).isNull();
	}

	@Test
	void resumeIsRefusedWhenStatementsBeforeTheFailureChangedAndRepairClearsIt(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "changedprefix");
		fixture.write("V1__broken.cql", GOOD_START + "CREATE TABLE third (id int PRIMARY KEY, oops unknowntype);");
		assertThatExceptionOfType(MigrationExecutionException.class).isThrownBy(() -> fixture.engine().migrate());
		fixture.write("V1__broken.cql", "CREATE TABLE first (id int PRIMARY KEY, changed int);\n"
				+ "CREATE TABLE second (id int PRIMARY KEY);\nCREATE TABLE third (id int PRIMARY KEY);");

		assertThatExceptionOfType(MigrationValidationException.class).isThrownBy(() -> fixture.engine().migrate())
			.withMessageContaining("cannot resume safely")
			.withMessageContaining("migrate repair");
		assertThat(fixture.history()).containsExactly("1:FAILED:2");

		assertThat(fixture.engine().repair()).singleElement().asString().contains("removed the FAILED entry");
		assertThat(fixture.history()).isEmpty();
		// the operator drops what the failed run created, then runs again from the start
		fixture.session.execute("DROP TABLE " + fixture.keyspace + ".first");
		fixture.session.execute("DROP TABLE " + fixture.keyspace + ".second");
		fixture.engine().migrate();
		assertThat(fixture.history()).containsExactly("1:APPLIED:3");
		assertThat(fixture.columns("first")).containsExactly("changed", "id");
	}

	@Test
	void repairAcceptsAnEditedAppliedScript(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "repairchecksum");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);").engine().migrate();
		fixture.write("V1__a.cql", "-- reformatted\nCREATE TABLE a (id int PRIMARY KEY);");
		assertThatExceptionOfType(MigrationValidationException.class).isThrownBy(() -> fixture.engine().validate());

		assertThat(fixture.engine().repair()).singleElement().asString().contains("accepted the script");

		fixture.engine().validate();
		assertThat(fixture.historyRow("1").getList("audit", String.class)).last().asString().contains("REPAIRED");
		assertThat(fixture.engine().repair()).isEmpty();
	}

	@Test
	void crashedRunIsResumedAndAStatementThatAlreadyRanIsRecognised(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "crash");
		fixture.write("V1__two.cql", GOOD_START);
		// Simulate a process that died after running both statements but recording only the first.
		fixture.createKeyspace(1);
		new MigrationEngine(fixture.session, fixture.settings().build()).baseline("0.1", "bootstrap tables");
		fixture.session.execute("CREATE TABLE " + fixture.keyspace + ".first (id int PRIMARY KEY)");
		fixture.session.execute("CREATE TABLE " + fixture.keyspace + ".second (id int PRIMARY KEY)");
		int firstDone = ProgressChecksum.of(java.util.List.of(new CqlStatement("CREATE TABLE first (id int PRIMARY KEY)", 1, 1)), 1);
		fixture.session.execute("INSERT INTO " + fixture.keyspace + ".migration_history (scope, version, description, "
				+ "type, script, checksum, state, statements_done, statements_total, done_checksum, execution_ms) "
				+ "VALUES ('default', '1', 'two', 'CQL', 'V1__two.cql', ?, 'IN_PROGRESS', 1, 2, ?, 0)",
				Checksums.crc32(GOOD_START), firstDone);

		MigrationRunResult result = fixture.engine().migrate();

		assertThat(result.migrations()).singleElement()
			.satisfies((item) -> assertThat(item.statements()).containsExactly("CREATE TABLE second (id int PRIMARY KEY)"));
		assertThat(fixture.history()).containsExactly("0.1:APPLIED:0", "1:APPLIED:2");
	}

}
