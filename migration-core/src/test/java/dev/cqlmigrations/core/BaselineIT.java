package dev.cqlmigrations.core;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@EmbeddedCassandra
class BaselineIT {

	@Test
	void baselineMarksAnExistingSchemaSoOnlyLaterMigrationsRun(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "baseline");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);")
			.write("V2__b.cql", "CREATE TABLE b (id int PRIMARY KEY);")
			.write("V3__c.cql", "CREATE TABLE c (id int PRIMARY KEY);");

		fixture.engine().baseline("2", "existing schema");
		MigrationRunResult result = fixture.engine().migrate();

		assertThat(result.migrations()).extracting(MigrationRunItem::version).containsExactly("3");
		assertThat(fixture.tableExists(fixture.keyspace, "a")).isFalse();
		StatusReport status = fixture.engine().status();
		assertThat(status.count(MigrationState.BELOW_BASELINE)).isEqualTo(1);
		assertThat(status.count(MigrationState.BASELINE)).isEqualTo(1);
		assertThat(fixture.historyRow("2").getString("type")).isEqualTo("BASELINE");
		assertThatExceptionOfType(RollbackException.class)
			.isThrownBy(() -> fixture.engine().rollback(RollbackRequest.toTarget("1")))
			.withMessageContaining("below the baseline");
	}

	@Test
	void baselineIsRefusedWhenHistoryExists(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "baselinelate");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);").engine().migrate();

		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> fixture.engine().baseline("5", null))
			.withMessageContaining("its history already has 1 entries");
	}

	@Test
	void baselineOnMigrateBaselinesAnEmptyHistoryFirst(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "baselineonmigrate");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);")
			.write("V2__b.cql", "CREATE TABLE b (id int PRIMARY KEY);");

		MigrationRunResult result = new MigrationEngine(fixture.session,
				fixture.settings().baselineOnMigrate(true).baselineVersion("1").build())
			.migrate();

		assertThat(result.migrations()).extracting(MigrationRunItem::version).containsExactly("2");
		assertThat(fixture.history()).containsExactly("1:APPLIED:0", "2:APPLIED:1");
	}

}
