package dev.cqlmigrations.autoconfigure;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cqlmigrations.actuate.MigrationHealthIndicator;
import dev.cqlmigrations.core.MigrationExecutionException;
import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;
import dev.cqlmigrations.test.TestKeyspaces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What an application does when its migrations cannot be applied: stop with a readable report,
 * or, with {@code migrations.fail-on-error=false}, keep running with health DOWN.
 */
@EmbeddedCassandra
@ExtendWith(OutputCaptureExtension.class)
class MigrationStartupFailureIT {

	@Test
	void aFailingMigrationStopsTheApplicationWithTheEnginesMessage(CassandraNode node, CapturedOutput output,
			CqlSession session) {
		String keyspace = TestKeyspaces.unique("fail_stop");

		assertThatExceptionOfType(MigrationExecutionException.class)
			.isThrownBy(() -> TestApplication
				.builder(node, "migrations.keyspace=" + keyspace, "migrations.locations=classpath:db/it/failing")
				.run())
			.withMessageContaining("V2__broken_table.cql")
			.withMessageContaining("statement 2 of 2");

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("CQL migrations failed: Migration V2 (V2__broken_table.cql) failed at statement 2 of 2")
			.contains("CREATE TABLE broken")
			.contains("Follow the instructions above");
		Row failed = session.execute("SELECT state, statements_done FROM " + keyspace + ".migration_history "
				+ "WHERE scope = 'default' AND version = '2'").one();
		assertThat(failed.getString("state")).isEqualTo("FAILED");
		assertThat(failed.getInt("statements_done")).isEqualTo(1);
	}

	@Test
	void withFailOnErrorFalseTheApplicationRunsWithHealthDown(CassandraNode node, CapturedOutput output) {
		String keyspace = TestKeyspaces.unique("fail_keep");

		try (ConfigurableApplicationContext context = TestApplication
			.builder(node, "migrations.keyspace=" + keyspace, "migrations.locations=classpath:db/it/failing",
					"migrations.fail-on-error=false")
			.run()) {
			assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
				.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
			assertThat(context.getBean(MigrationStartupRunner.class).getFailure())
				.isInstanceOf(MigrationExecutionException.class);
			Health health = context.getBean(MigrationHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("currentVersion", "1")
				.containsEntry("pending", 1)
				.containsKey("startupError");
			assertThat((String) health.getDetails().get("startupError")).contains("V2__broken_table.cql");
		}
		assertThat(output).contains("migrations.fail-on-error is false").doesNotContain("APPLICATION FAILED TO START");
	}

	@Test
	void anInvalidPropertyStopsTheApplicationNamingIt(CassandraNode node, CapturedOutput output) {
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> TestApplication
			.builder(node, "migrations.keyspace=app", "migrations.consistency.serial=quorum")
			.run());

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("migrations.consistency.serial is QUORUM: use SERIAL or LOCAL_SERIAL")
			.contains("Correct the migrations.* property named above");
	}

	@Test
	void noKeyspaceStopsTheApplicationNamingBothProperties(CassandraNode node, CapturedOutput output) {
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> TestApplication.builder(node).run());

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("set migrations.keyspace, or spring.cassandra.keyspace-name");
	}

	@Test
	void anApplicationSessionBoundToAKeyspaceMigrationsCreateIsExplainedWhenTheyRunOnReady(CassandraNode node,
			CapturedOutput output) {
		String keyspace = TestKeyspaces.unique("app_keyspace");

		// The actuator's Cassandra health indicator opens the application's session before migrations run.
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> TestApplication
			.builder(node, "spring.cassandra.keyspace-name=" + keyspace, "migrations.locations=classpath:db/it/basic",
					"migrations.placeholders.orders_ttl=60", "migrations.startup-phase=application-ready")
			.run());

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("bound to keyspace '" + keyspace + "' (spring.cassandra.keyspace-name), which does not exist")
			.contains("Remove migrations.startup-phase=application-ready");
	}

	@Test
	void aLocationThatDoesNotExistStopsTheApplicationNamingItAndCreatesNothing(CassandraNode node,
			CqlSession session, CapturedOutput output) {
		String keyspace = TestKeyspaces.unique("typo");

		assertThatExceptionOfType(Exception.class).isThrownBy(() -> TestApplication
			.builder(node, "migrations.keyspace=" + keyspace, "migrations.locations=classpath:db/casandra")
			.run());

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Migration location classpath:db/casandra does not exist on the classpath");
		assertThat(session.execute("SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?",
				keyspace).one()).isNull();
	}

	@Test
	void anUnreachableClusterStopsTheApplicationWithAReadableReport(CassandraNode node, CapturedOutput output) {
		// Nothing listens on port 1; the application's own settings point at the real node.
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> TestApplication
			.builder(node, "migrations.keyspace=app", "migrations.cassandra.contact-points=127.0.0.1:1")
			.run());

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("CQL migrations failed: Migrations could not run:")
			.contains("migrations.cassandra.*");
	}

}
