package dev.cqlmigrations.autoconfigure;

import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;
import dev.cqlmigrations.test.TestKeyspaces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * With {@code migrations.cassandra.*}, migrations run as a dedicated role, so that the
 * application's own role needs no schema rights. Both roles are real: the application's may
 * only log in, the migrator may create keyspaces (and so owns what it creates).
 */
@EmbeddedCassandra
class DedicatedMigrationSessionIT {

	static final String APP_ROLE = TestKeyspaces.unique("app_role");

	static final String MIGRATOR_ROLE = TestKeyspaces.unique("migrator");

	@BeforeAll
	static void createRoles(CqlSession superuser) {
		superuser.execute("CREATE ROLE " + APP_ROLE + " WITH PASSWORD = 'app-secret' AND LOGIN = true");
		superuser.execute("CREATE ROLE " + MIGRATOR_ROLE + " WITH PASSWORD = 'migrator-secret' AND LOGIN = true");
		superuser.execute("GRANT CREATE ON ALL KEYSPACES TO " + MIGRATOR_ROLE);
	}

	@Test
	void migrationsRunAsTheDedicatedRoleWhileTheApplicationKeepsItsOwn(CassandraNode node, CqlSession superuser) {
		String keyspace = TestKeyspaces.unique("dedicated");

		try (ConfigurableApplicationContext context = application(node, keyspace)) {
			assertThat(history(superuser, keyspace)).containsExactly("1:APPLIED", "2:APPLIED", "3:APPLIED");
			// Cassandra grants the creator of a keyspace every permission on it.
			assertThat(permissionsOn(superuser, MIGRATOR_ROLE, keyspace)).contains("CREATE", "ALTER", "DROP");
			assertThat(permissionsOn(superuser, APP_ROLE, keyspace)).isEmpty();
			// The application's own session is the application's role: it could not have run the DDL.
			CqlSession applicationSession = context.getBean(CqlSession.class);
			assertThatExceptionOfType(UnauthorizedException.class).isThrownBy(() -> applicationSession
				.execute("CREATE TABLE " + keyspace + ".not_allowed (id int PRIMARY KEY)"));
			assertThat(context.getBean(MigrationSession.class).getSession()).isNotSameAs(applicationSession);
		}
	}

	@Test
	void dedicatedContactPointsAndDataCenterAreUsed(CassandraNode node, CqlSession superuser) {
		String keyspace = TestKeyspaces.unique("dedicated_cp");

		try (ConfigurableApplicationContext context = application(node, keyspace,
				"migrations.cassandra.contact-points=" + node.contactPointText(),
				"migrations.cassandra.local-datacenter=" + node.localDatacenter())) {
			assertThat(history(superuser, keyspace)).containsExactly("1:APPLIED", "2:APPLIED", "3:APPLIED");
			assertThat(permissionsOn(superuser, MIGRATOR_ROLE, keyspace)).contains("CREATE");
		}
	}

	@Test
	void theApplicationRoleAloneCannotMigrate(CassandraNode node) {
		String keyspace = TestKeyspaces.unique("app_only");

		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> TestApplication
			.builder(node, "migrations.keyspace=" + keyspace, "migrations.locations=classpath:db/it/basic",
					"migrations.placeholders.orders_ttl=60", "spring.cassandra.username=" + APP_ROLE,
					"spring.cassandra.password=app-secret")
			.run()).withStackTraceContaining("has no CREATE permission");
	}

	private static ConfigurableApplicationContext application(CassandraNode node, String keyspace, String... more) {
		return TestApplication
			.builder(node, "migrations.keyspace=" + keyspace, "migrations.locations=classpath:db/it/basic",
					"migrations.placeholders.orders_ttl=60", "spring.cassandra.username=" + APP_ROLE,
					"spring.cassandra.password=app-secret", "migrations.cassandra.username=" + MIGRATOR_ROLE,
					"migrations.cassandra.password=migrator-secret")
			.properties(more)
			.run();
	}

	private static List<String> history(CqlSession session, String keyspace) {
		return session
			.execute("SELECT version, state FROM " + keyspace + ".migration_history WHERE scope = 'default'")
			.all()
			.stream()
			.map((row) -> row.getString("version") + ":" + row.getString("state"))
			.sorted()
			.toList();
	}

	private static List<String> permissionsOn(CqlSession session, String role, String keyspace) {
		return session.execute("LIST ALL PERMISSIONS OF " + role)
			.all()
			.stream()
			.filter((row) -> ("<keyspace " + keyspace + ">").equals(row.getString("resource")))
			.map((row) -> row.getString("permission"))
			.toList();
	}

}
