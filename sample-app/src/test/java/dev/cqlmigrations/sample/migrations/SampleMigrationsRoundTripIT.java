package dev.cqlmigrations.sample.migrations;

import java.util.ArrayList;
import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import org.junit.jupiter.api.Test;

import dev.cqlmigrations.core.MigrationEngine;
import dev.cqlmigrations.core.MigrationRunResult;
import dev.cqlmigrations.core.RollbackRequest;
import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;
import dev.cqlmigrations.test.TestKeyspaces;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's own migrations, through the engine against the real node: applied, rolled back one
 * by one to nothing, and applied again, they leave exactly the schema of a single clean run.
 */
@EmbeddedCassandra
class SampleMigrationsRoundTripIT {

	@Test
	void applyRollBackToZeroAndApplyAgainGivesTheSchemaOfACleanRun(CassandraNode node) {
		String keyspace = TestKeyspaces.unique("oauth_rt");
		try (CqlSession session = SampleMigrations.ddlSession(node)) {
			MigrationEngine engine = new MigrationEngine(session, SampleMigrations.settings(keyspace));

			MigrationRunResult first = engine.migrate();
			assertThat(first.migrations()).hasSizeGreaterThanOrEqualTo(7);
			List<String> cleanSchema = schema(session, keyspace);
			assertThat(cleanSchema).isNotEmpty();

			int applied = first.migrations().size();
			String previous = first.versionAfter();
			for (int i = 0; i < applied; i++) {
				MigrationRunResult rolledBack = engine.rollback(RollbackRequest.last());
				assertThat(rolledBack.migrations()).singleElement()
					.satisfies((item) -> assertThat(item.version()).isEqualTo(rolledBack.versionBefore()));
				assertThat(rolledBack.versionBefore()).isEqualTo(previous);
				previous = rolledBack.versionAfter();
			}
			assertThat(previous).isNull();
			assertThat(session.execute("SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?",
					keyspace).one()).isNull();

			MigrationRunResult again = engine.migrate();

			assertThat(again.migrations()).hasSize(applied);
			assertThat(schema(session, keyspace)).isEqualTo(cleanSchema);
			assertThat(engine.status().problems()).isEmpty();
		}
	}

	private static List<String> schema(CqlSession session, String keyspace) {
		List<String> schema = new ArrayList<>();
		for (Row row : session.execute("SELECT table_name, default_time_to_live, gc_grace_seconds FROM "
				+ "system_schema.tables WHERE keyspace_name = ?", keyspace)) {
			schema.add("table " + row.getString(0) + " ttl=" + row.getInt(1) + " gc=" + row.getInt(2));
		}
		for (Row row : session.execute("SELECT table_name, column_name, kind, position, type, clustering_order FROM "
				+ "system_schema.columns WHERE keyspace_name = ?", keyspace)) {
			schema.add("column " + row.getString(0) + "." + row.getString(1) + " " + row.getString(2) + " "
					+ row.getInt(3) + " " + row.getString(4) + " " + row.getString(5));
		}
		for (Row row : session.execute("SELECT table_name, index_name, kind, options FROM system_schema.indexes "
				+ "WHERE keyspace_name = ?", keyspace)) {
			schema.add("index " + row.getString(0) + "." + row.getString(1) + " " + row.getString(2) + " "
					+ row.getMap(3, String.class, String.class));
		}
		schema.sort(String::compareTo);
		return schema;
	}

}
