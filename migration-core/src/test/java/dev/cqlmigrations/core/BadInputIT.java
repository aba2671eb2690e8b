package dev.cqlmigrations.core;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every kind of bad input fails with a message naming the culprit, before anything reaches the
 * cluster: the keyspace is never even created.
 */
@EmbeddedCassandra
class BadInputIT {

	private EngineFixture fixtureWithValidV1(CassandraNode node, Path dir, String hint) {
		return new EngineFixture(node, dir, hint).write("V1__ok.cql", "CREATE TABLE ok (id int PRIMARY KEY);");
	}

	private void assertNothingChanged(EngineFixture fixture) {
		assertThat(fixture.keyspaceExists(fixture.keyspace)).isFalse();
	}

	@Test
	void malformedFileName(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = fixtureWithValidV1(node, dir, "badname").write("V2_missing_separator.cql", "SELECT 1;");

		assertThatExceptionOfType(MigrationLoadException.class).isThrownBy(() -> fixture.engine().migrate())
			.withMessageContaining("V2_missing_separator.cql");
		assertNothingChanged(fixture);
	}

	@Test
	void twoFilesForOneVersion(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = fixtureWithValidV1(node, dir, "duplicate")
			.write("V001__also_one.cql", "CREATE TABLE other (id int PRIMARY KEY);");

		assertThatExceptionOfType(MigrationLoadException.class).isThrownBy(() -> fixture.engine().migrate())
			.withMessageContaining("V1__ok.cql")
			.withMessageContaining("V001__also_one.cql");
		assertNothingChanged(fixture);
	}

	@Test
	void undoWithoutUp(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = fixtureWithValidV1(node, dir, "orphanundo").write("U2__orphan.cql", "DROP TABLE x;");

		assertThatExceptionOfType(MigrationLoadException.class).isThrownBy(() -> fixture.engine().migrate())
			.withMessageContaining("U2__orphan.cql");
		assertNothingChanged(fixture);
	}

	@Test
	void emptyScript(CassandraNode node, @TempDir Path dir) {
		// Only a file with nothing in it: a script of comments is a migration without statements.
		EngineFixture fixture = fixtureWithValidV1(node, dir, "empty").write("V2__empty.cql", " \n\t\n");

		assertThatExceptionOfType(MigrationLoadException.class).isThrownBy(() -> fixture.engine().migrate())
			.withMessageContaining("V2__empty.cql");
		assertNothingChanged(fixture);
	}

	@Test
	void unterminatedStringNamesFileLineAndColumn(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = fixtureWithValidV1(node, dir, "unterminated")
			.write("V2__broken.cql", "CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t (id) VALUES ('oops);\n");

		assertThatExceptionOfType(MigrationScriptException.class).isThrownBy(() -> fixture.engine().migrate())
			.withMessageContaining("V2__broken.cql (line 2, column 28)")
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(2));
		assertNothingChanged(fixture);
	}

	@Test
	void unterminatedCommentNamesFileAndLine(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = fixtureWithValidV1(node, dir, "comment")
			.write("V2__comment.cql", "CREATE TABLE t (id int PRIMARY KEY);\n\n/* never closed\n");

		assertThatExceptionOfType(MigrationScriptException.class).isThrownBy(() -> fixture.engine().migrate())
			.withMessageContaining("V2__comment.cql (line 3, column 1)");
		assertNothingChanged(fixture);
	}

	@Test
	void unknownPlaceholderIsNamed(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = fixtureWithValidV1(node, dir, "placeholder")
			.write("V2__ph.cql", "CREATE TABLE ${table_name} (id int PRIMARY KEY);");

		assertThatExceptionOfType(MigrationScriptException.class)
			.isThrownBy(() -> new MigrationEngine(fixture.session,
					fixture.settings().placeholders(Map.of("other", "x")).build()).migrate())
			.withMessageContaining("V2__ph.cql")
			.withMessageContaining("table_name");
		assertNothingChanged(fixture);
	}

	@Test
	void invalidKeyspaceAndTableNamesAreRejectedNamingTheProperty() {
		assertThatExceptionOfType(MigrationConfigurationException.class)
			.isThrownBy(() -> MigrationSettings.builder("bad-name; DROP KEYSPACE x").build())
			.withMessageContaining("migrations.keyspace");
		assertThatExceptionOfType(MigrationConfigurationException.class)
			.isThrownBy(() -> MigrationSettings.builder("ok").historyTable("1history").build())
			.withMessageContaining("migrations.history-table");
	}

	@Test
	void invalidReplicationIsRejectedNamingTheProperty() {
		assertThatExceptionOfType(MigrationConfigurationException.class)
			.isThrownBy(() -> MigrationSettings.builder("ok").replication(KeyspaceReplication.simple(0)).build())
			.withMessageContaining("migrations.replication.replication-factor");
		assertThatExceptionOfType(MigrationConfigurationException.class)
			.isThrownBy(() -> MigrationSettings.builder("ok")
				.replication(KeyspaceReplication.networkTopology(Map.of("dc1'}; DROP", 3)))
				.build())
			.withMessageContaining("Invalid data center name");
	}

}
