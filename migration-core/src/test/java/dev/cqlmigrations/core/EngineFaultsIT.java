package dev.cqlmigrations.core;

import java.nio.file.Path;
import java.time.Duration;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;
import dev.cqlmigrations.test.TestKeyspaces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Faults of the history, the lock and the role against the real node (issue 14, item 7): each
 * ends with a clear error naming the row or the statement, or is repaired by the engine.
 */
@EmbeddedCassandra
class EngineFaultsIT {

	@Test
	void aHistoryRowWithNullsIsAClearErrorNamingTheRow(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "nullrow");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);").engine().migrate();
		// What a migration (or a person) writing to the history leaves behind.
		fixture.session.execute("INSERT INTO " + fixture.keyspace + ".migration_history (scope, version, description) "
				+ "VALUES ('default', '2', 'by hand')");
		fixture.write("V2__b.cql", "CREATE TABLE b (id int PRIMARY KEY);");

		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> fixture.engine().migrate())
			.withMessageStartingWith("The history row of version '2' in " + fixture.keyspace + ".migration_history "
					+ "cannot be read: column 'type' is null, column 'state' is null.")
			.withMessageContaining("'migrate repair'")
			.withMessageNotContaining("Name is null");
		assertThat(fixture.tableExists(fixture.keyspace, "b")).isFalse();
	}

	@Test
	void aHistoryRowWithAnUnknownTypeOrStateIsAClearErrorNamingTheRow(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "badrow");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);").engine().migrate();
		fixture.session.execute("INSERT INTO " + fixture.keyspace + ".migration_history (scope, version, type, state) "
				+ "VALUES ('default', '1.5', 'SQL', 'DONE')");

		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> fixture.engine().status())
			.withMessageStartingWith("The history row of version '1.5' in " + fixture.keyspace + ".migration_history "
					+ "cannot be read: type 'SQL' is not one of [")
			.withMessageContaining("state 'DONE' is not one of [");
	}

	@Test
	void aRoleWithRightsOnlyInItsKeyspaceMigratesWithoutCreatingTheKeyspace(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "least").createKeyspace(1);
		String role = roleOnKeyspace(fixture, "least_role", "CREATE", "ALTER", "DROP", "SELECT", "MODIFY");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);");

		try (CqlSession session = roleSession(node, role)) {
			new MigrationEngine(session, fixture.settings().build()).migrate();
		}

		assertThat(fixture.history()).containsExactly("1:APPLIED:1");
	}

	@Test
	void aMissingPermissionNamesTheStatement(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "noperm").createKeyspace(1);
		String role = roleOnKeyspace(fixture, "reader_role", "SELECT", "MODIFY");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);");

		try (CqlSession session = roleSession(node, role)) {
			assertThatExceptionOfType(MigrationConfigurationException.class)
				.isThrownBy(() -> new MigrationEngine(session, fixture.settings().build()).migrate())
				.withMessageStartingWith("The migration role may not run 'CREATE TABLE IF NOT EXISTS "
						+ fixture.keyspace + ".migration_lock")
				.withMessageContaining("GRANT CREATE ON KEYSPACE " + fixture.keyspace);
		}
		assertThat(fixture.tableExists(fixture.keyspace, "a")).isFalse();
	}

	/** A new login role (password 'secret') with the given permissions on the fixture's keyspace only. */
	private static String roleOnKeyspace(EngineFixture fixture, String hint, String... permissions) {
		String role = TestKeyspaces.unique(hint);
		fixture.session.execute("CREATE ROLE " + role + " WITH PASSWORD = 'secret' AND LOGIN = true");
		for (String permission : permissions) {
			fixture.session.execute("GRANT " + permission + " ON KEYSPACE " + fixture.keyspace + " TO " + role);
		}
		return role;
	}

	private static CqlSession roleSession(CassandraNode node, String role) {
		DriverConfigLoader config = DdlSessionSettings
			.applyTo(DriverConfigLoader.programmaticBuilder(), Duration.ofSeconds(60))
			.build();
		return CqlSession.builder()
			.addContactPoint(node.contactPoint())
			.withLocalDatacenter(node.localDatacenter())
			.withAuthCredentials(role, "secret")
			.withConfigLoader(config)
			.build();
	}

}
