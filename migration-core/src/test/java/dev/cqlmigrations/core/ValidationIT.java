package dev.cqlmigrations.core;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@EmbeddedCassandra
class ValidationIT {

	@Test
	void editedAppliedScriptIsRejectedAndNothingChanges(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "edited");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);").engine().migrate();
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY, extra text);")
			.write("V2__b.cql", "CREATE TABLE b (id int PRIMARY KEY);");

		assertThatExceptionOfType(MigrationValidationException.class).isThrownBy(() -> fixture.engine().migrate())
			.withMessageContaining("V1 (V1__a.cql) was changed after it was applied")
			.withMessageContaining("migrate repair");
		assertThat(fixture.history()).containsExactly("1:APPLIED:1");
		assertThat(fixture.tableExists(fixture.keyspace, "b")).isFalse();
		StatusReport status = fixture.engine().status();
		assertThat(status.migrations().get(0).checksumDrift()).isTrue();
	}

	@Test
	void deletedAppliedScriptIsRejected(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "deleted");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);").engine().migrate();
		fixture.delete("V1__a.cql").write("V2__b.cql", "CREATE TABLE b (id int PRIMARY KEY);");

		assertThatExceptionOfType(MigrationValidationException.class).isThrownBy(() -> fixture.engine().validate())
			.withMessageContaining("V1 (a) is applied but its script V1__a.cql is no longer in the migration locations");
		assertThat(fixture.engine().status().count(MigrationState.MISSING)).isEqualTo(1);
		assertThatExceptionOfType(MigrationValidationException.class).isThrownBy(() -> fixture.engine().migrate());
		assertThat(fixture.tableExists(fixture.keyspace, "b")).isFalse();
	}

	@Test
	void olderPendingVersionIsRejectedUnlessOutOfOrderIsAllowed(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "outoforder");
		fixture.write("V2__b.cql", "CREATE TABLE b (id int PRIMARY KEY);").engine().migrate();
		fixture.write("V1_5__late.cql", "CREATE TABLE late (id int PRIMARY KEY);");

		assertThatExceptionOfType(MigrationValidationException.class).isThrownBy(() -> fixture.engine().migrate())
			.withMessageContaining("V1.5 (V1_5__late.cql) is pending but older than the latest applied version 2")
			.withMessageContaining("migrations.out-of-order=true");
		assertThat(fixture.engine().status().count(MigrationState.OUT_OF_ORDER)).isEqualTo(1);

		MigrationRunResult result = new MigrationEngine(fixture.session, fixture.settings().outOfOrder(true).build())
			.migrate();

		assertThat(result.migrations()).extracting(MigrationRunItem::version).containsExactly("1.5");
		assertThat(fixture.tableExists(fixture.keyspace, "late")).isTrue();
	}

	@Test
	void validateOnItsOwnReportsStatusWhenEverythingMatches(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "validok");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);").engine().migrate();
		fixture.write("V2__b.cql", "CREATE TABLE b (id int PRIMARY KEY);");

		StatusReport report = fixture.engine().validate();

		assertThat(report.currentVersion()).isEqualTo("1");
		assertThat(report.pendingCount()).isEqualTo(1);
		assertThat(report.counts()).containsEntry(MigrationState.APPLIED, 1).containsEntry(MigrationState.PENDING, 1);
	}

	@Test
	void validationCanBeSwitchedOffForMigrate(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "novalidate");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);").engine().migrate();
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY, changed int);")
			.write("V2__b.cql", "CREATE TABLE b (id int PRIMARY KEY);");

		new MigrationEngine(fixture.session, fixture.settings().validateOnMigrate(false).build()).migrate();

		assertThat(fixture.tableExists(fixture.keyspace, "b")).isTrue();
	}

}
