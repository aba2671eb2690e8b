package dev.cqlmigrations.actuate;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cqlmigrations.autoconfigure.TestApplication;
import dev.cqlmigrations.core.MigrationEngine;
import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;
import dev.cqlmigrations.test.TestKeyspaces;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code migrations} endpoint of applications configured differently: before migrations ran,
 * with rollbacks off (the default), with the endpoint's default read-only access, and with a
 * migration that cannot be undone.
 */
@EmbeddedCassandra
class MigrationsEndpointAccessIT {

	@Test
	void statusBeforeAndAfterMigrating(CassandraNode node) {
		try (ConfigurableApplicationContext context = application(node, "basic", "migrations.run-on-startup=false",
				"management.endpoint.migrations.access=unrestricted", "migrations.rollback-enabled=true")) {
			ActuatorClient actuator = actuator(context);

			ActuatorClient.Response before = actuator.get("/migrations");
			assertThat(before.status()).isEqualTo(200);
			assertThat((String) before.read("$.keyspace"))
				.isEqualTo(context.getEnvironment().getProperty("migrations.keyspace"));
			assertThat((Integer) before.read("$.pending")).isEqualTo(3);
			assertThat((Integer) before.read("$.counts.PENDING")).isEqualTo(3);
			assertThat((List<String>) before.read("$.migrations[*].state")).containsOnly("PENDING");
			assertThat(before.json().jsonString()).doesNotContain("currentVersion");
			assertThat(actuator.post("/migrations/rollback", "{}").status()).isEqualTo(409);

			context.getBean(MigrationEngine.class).migrate();

			ActuatorClient.Response after = actuator.get("/migrations");
			assertThat((String) after.read("$.currentVersion")).isEqualTo("3");
			assertThat((Integer) after.read("$.pending")).isZero();
			assertThat((List<String>) after.read("$.migrations[*].state")).containsOnly("APPLIED");
		}
	}

	@Test
	void rollbackIsRefusedUntilEnabled(CassandraNode node) {
		try (ConfigurableApplicationContext context = application(node, "basic",
				"management.endpoint.migrations.access=unrestricted")) {
			ActuatorClient actuator = actuator(context);

			ActuatorClient.Response response = actuator.post("/migrations/rollback", "{\"dryRun\": true}");

			assertThat(response.status()).isEqualTo(403);
			assertThat((String) response.read("$.message")).contains("migrations.rollback-enabled=true");
			assertThat((Integer) actuator.get("/migrations").read("$.counts.APPLIED")).isEqualTo(3);
		}
	}

	@Test
	void theEndpointIsReadOnlyByDefault(CassandraNode node) {
		try (ConfigurableApplicationContext context = application(node, "basic", "migrations.rollback-enabled=true")) {
			ActuatorClient actuator = actuator(context);

			assertThat(actuator.get("/migrations").status()).isEqualTo(200);
			// Without management.endpoint.migrations.access=unrestricted the write operation is not mapped at all.
			assertThat(actuator.post("/migrations/rollback", "{}").status()).isEqualTo(404);
			assertThat((Integer) actuator.get("/migrations").read("$.counts.APPLIED")).isEqualTo(3);
		}
	}

	@Test
	void aMigrationWithoutUndoScriptIsAConflict(CassandraNode node) {
		try (ConfigurableApplicationContext context = application(node, "noundo",
				"management.endpoint.migrations.access=unrestricted", "migrations.rollback-enabled=true")) {
			ActuatorClient actuator = actuator(context);

			ActuatorClient.Response response = actuator.post("/migrations/rollback", "{\"target\": \"0\"}");

			assertThat(response.status()).isEqualTo(409);
			assertThat((String) response.read("$.message")).contains("V2 (V2__add_event_source.cql) has no undo script")
				.contains("U2__add_event_source.cql")
				.contains("Nothing was rolled back");
			ActuatorClient.Response status = actuator.get("/migrations");
			assertThat((Boolean) status.read("$.migrations[1].undoAvailable")).isFalse();
			assertThat((Integer) status.read("$.counts.APPLIED")).isEqualTo(2);
		}
	}

	@Test
	void aFailingUndoStatementIsAServerError(CassandraNode node) {
		try (ConfigurableApplicationContext context = application(node, "badundo",
				"management.endpoint.migrations.access=unrestricted", "migrations.rollback-enabled=true")) {
			ActuatorClient actuator = actuator(context);

			ActuatorClient.Response response = actuator.post("/migrations/rollback", "{}");

			assertThat(response.status()).isEqualTo(500);
			assertThat((String) response.read("$.message")).contains("Rollback of V2 (U2__add_note_author.cql) failed")
				.contains("migrate repair");
			assertThat((String) actuator.get("/migrations").read("$.migrations[1].state")).isEqualTo("ROLLBACK_FAILED");
		}
	}

	private static ConfigurableApplicationContext application(CassandraNode node, String scripts,
			String... properties) {
		return TestApplication
			.builder(node, "migrations.keyspace=" + TestKeyspaces.unique("access_" + scripts),
					"migrations.locations=classpath:db/it/" + scripts, "migrations.placeholders.orders_ttl=60",
					"server.port=0", "management.endpoints.web.exposure.include=migrations")
			.web(WebApplicationType.SERVLET)
			.properties(properties)
			.run();
	}

	private static ActuatorClient actuator(ConfigurableApplicationContext context) {
		return new ActuatorClient(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
	}

}
