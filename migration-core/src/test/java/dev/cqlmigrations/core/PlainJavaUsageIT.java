package dev.cqlmigrations.core;

import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.Test;

import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;
import dev.cqlmigrations.test.TestKeyspaces;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's plain Java example, line for line but for the contact point and the location: the engine
 * runs with the driver alone, no Spring on the classpath of this module.
 */
@EmbeddedCassandra
class PlainJavaUsageIT {

	@Test
	void theReadmeExampleAppliesPendingMigrationsOnceWithTheDriverAlone(CassandraNode node) {
		String keyspace = TestKeyspaces.unique("plainjava");
		try (CqlSession session = node.sessionBuilder().build()) {
			MigrationSettings settings = MigrationSettings.builder(keyspace)
				.locations(List.of("classpath:db/plainjava"))
				.build();
			MigrationRunResult result = new MigrationEngine(session, settings).migrate();
			assertThat(result.migrations()).extracting(MigrationRunItem::version).containsExactly("1", "2");
			assertThat(result.versionAfter()).isEqualTo("2");

			MigrationRunResult again = new MigrationEngine(session, settings).migrate();
			assertThat(again.migrations()).isEmpty();
			assertThat(session.execute("SELECT column_name FROM system_schema.columns WHERE keyspace_name = ? "
					+ "AND table_name = 'users'", keyspace).all()).extracting(row -> row.getString(0))
				.contains("id", "name", "email");
		}
	}

}
