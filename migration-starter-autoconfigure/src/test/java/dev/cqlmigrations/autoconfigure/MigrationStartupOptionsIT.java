package dev.cqlmigrations.autoconfigure;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cqlmigrations.actuate.MigrationHealthIndicator;
import dev.cqlmigrations.core.MigrationEngine;
import dev.cqlmigrations.core.MigrationRunResult;
import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;
import dev.cqlmigrations.test.TestKeyspaces;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The switches of the startup migration, against the real node: dry run, no run on startup, a
 * target, a strategy of the application's own, and migrations disabled.
 */
@EmbeddedCassandra
@ExtendWith(OutputCaptureExtension.class)
class MigrationStartupOptionsIT {

	@Test
	void dryRunLogsTheStatementsAndChangesNothing(CassandraNode node, CqlSession session, CapturedOutput output) {
		String keyspace = TestKeyspaces.unique("dry_run");

		try (ConfigurableApplicationContext context = application(node, keyspace, "migrations.dry-run=true")) {
			assertThat(keyspaceExists(session, keyspace)).isFalse();
			assertThat(output).contains("Dry run (migrations.dry-run=true), nothing was changed; 3 pending migrations")
				.contains("V3 create orders (V3__create_orders.cql)")
				.contains("WITH default_time_to_live = 60;");
			Health health = context.getBean(MigrationHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("pending", 3)
				.containsEntry("pendingVersions", List.of("1", "2", "3"));
		}
	}

	@Test
	void withoutRunOnStartupNothingIsAppliedAndHealthListsThePendingVersions(CassandraNode node, CqlSession session) {
		String keyspace = TestKeyspaces.unique("no_run");

		try (ConfigurableApplicationContext context = application(node, keyspace, "migrations.run-on-startup=false")) {
			assertThat(context.getBeansOfType(MigrationStartupRunner.class)).isEmpty();
			assertThat(keyspaceExists(session, keyspace)).isFalse();
			Health pending = context.getBean(MigrationHealthIndicator.class).health();
			assertThat(pending.getStatus()).isEqualTo(Status.UP);
			assertThat(pending.getDetails()).containsEntry("pending", 3);

			context.getBean(MigrationEngine.class).migrate();

			Health migrated = context.getBean(MigrationHealthIndicator.class).health();
			assertThat(migrated.getStatus()).isEqualTo(Status.UP);
			assertThat(migrated.getDetails()).containsEntry("pending", 0).doesNotContainKey("pendingVersions");
		}
	}

	@Test
	void aTargetStopsThereAndHealthIsUp(CassandraNode node) {
		String keyspace = TestKeyspaces.unique("target");

		try (ConfigurableApplicationContext context = application(node, keyspace, "migrations.target=2")) {
			assertThat(context.getBean(MigrationEngine.class).status().currentVersion()).isEqualTo("2");
			Health health = context.getBean(MigrationHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("currentVersion", "2").containsEntry("pending", 0);
		}
	}

	@Test
	void anApplicationStrategyReplacesTheDefault(CassandraNode node) {
		String keyspace = TestKeyspaces.unique("strategy");
		AtomicReference<MigrationRunResult> result = new AtomicReference<>();

		try (ConfigurableApplicationContext context = TestApplication
			.builder(node, "migrations.keyspace=" + keyspace, "migrations.locations=classpath:db/it/basic",
					"migrations.placeholders.orders_ttl=60")
			.initializers((applicationContext) -> applicationContext.getBeanFactory()
				.registerSingleton("onlyTheFirst",
						(MigrationStrategy) (engine) -> result.set(engine.migrate("1", false))))
			.run()) {
			assertThat(result.get().versionAfter()).isEqualTo("1");
			assertThat(context.getBean(MigrationEngine.class).status().currentVersion()).isEqualTo("1");
		}
	}

	@Test
	void nothingRunsWhenMigrationsAreDisabled(CassandraNode node, CqlSession session) {
		String keyspace = TestKeyspaces.unique("disabled");

		try (ConfigurableApplicationContext context = application(node, keyspace, "migrations.enabled=false")) {
			assertThat(context.getBeansOfType(MigrationEngine.class)).isEmpty();
			assertThat(context.getBeansOfType(MigrationSession.class)).isEmpty();
			assertThat(context.getBeansOfType(MigrationHealthIndicator.class)).isEmpty();
			assertThat(keyspaceExists(session, keyspace)).isFalse();
		}
	}

	private static ConfigurableApplicationContext application(CassandraNode node, String keyspace,
			String... properties) {
		return TestApplication
			.builder(node, "migrations.keyspace=" + keyspace, "migrations.locations=classpath:db/it/basic",
					"migrations.placeholders.orders_ttl=60")
			.properties(properties)
			.run();
	}

	private static boolean keyspaceExists(CqlSession session, String keyspace) {
		return session.execute("SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?", keyspace)
			.one() != null;
	}

}
