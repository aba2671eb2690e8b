package dev.cqlmigrations.sample.flow;

import java.net.http.HttpResponse;
import java.util.List;

import dev.cqlmigrations.core.MigrationFileName;
import dev.cqlmigrations.sample.migrations.SampleMigrations;
import dev.cqlmigrations.test.TestKeyspaces;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call which actuator endpoint: health is public, the migrations endpoint is for
 * administrators with HTTP Basic, everything else under {@code /actuator} is denied. What
 * administrators see: every migration of the sample, applied by the starter on startup.
 */
class ActuatorSecurityIT extends AuthorizationServerIntegrationTest {

	private static final String KEYSPACE = TestKeyspaces.unique("sample_actuator");

	private static final String ADMIN = TestBrowser.basic("admin", "admin");

	private static final String USER = TestBrowser.basic("user", "password");

	@DynamicPropertySource
	static void keyspace(DynamicPropertyRegistry registry) {
		registry.add("sample.keyspace", () -> KEYSPACE);
	}

	@Test
	void healthIsPublic() {
		HttpResponse<String> health = this.browser.get("/actuator/health");

		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(json(health).get("status").asString()).isEqualTo("UP");
	}

	@Test
	void migrationsEndpointAsksAnonymousCallersToAuthenticate() {
		HttpResponse<String> status = this.browser.get("/actuator/migrations");

		assertThat(status.statusCode()).isEqualTo(401);
		assertThat(status.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("Basic"));
		assertThat(this.browser.postJson("/actuator/migrations/rollback", "{\"dryRun\":true}").statusCode())
			.isEqualTo(401);
	}

	@Test
	void migrationsEndpointIsForbiddenToUsers() {
		assertThat(this.browser.get("/actuator/migrations", "Authorization", USER).statusCode()).isEqualTo(403);
		assertThat(this.browser
			.postJson("/actuator/migrations/rollback", "{\"dryRun\":true}", "Authorization", USER)
			.statusCode()).isEqualTo(403);
	}

	@Test
	void administratorsSeeEveryMigrationOfTheSampleApplied() {
		HttpResponse<String> response = this.browser.get("/actuator/migrations", "Authorization", ADMIN);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertAllApplied(json(response));
	}

	@Test
	void administratorsCanTryARollbackWithoutChangingAnything() {
		List<String> scripts = SampleMigrations.upScripts();
		String latest = scripts.get(scripts.size() - 1);

		// A POST without a CSRF token: the actuator chain is stateless HTTP Basic, exempt from CSRF.
		HttpResponse<String> response = this.browser.postJson("/actuator/migrations/rollback", "{\"dryRun\":true}",
				"Authorization", ADMIN);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode rollback = json(response);
		assertThat(rollback.get("dryRun").asBoolean()).isTrue();
		assertThat(rollback.get("versionBefore").asString()).isEqualTo(version(latest));
		assertThat(rollback.get("versionAfter").asString()).isEqualTo(version(latest));
		assertThat(rollback.get("migrations").values()).singleElement().satisfies((undo) -> {
			assertThat(undo.get("version").asString()).isEqualTo(version(latest));
			assertThat(undo.get("script").asString()).isEqualTo("U" + latest.substring(1));
			assertThat(undo.get("executionTime").asLong()).isZero();
		});
		assertAllApplied(json(this.browser.get("/actuator/migrations", "Authorization", ADMIN)));
	}

	@Test
	void wrongPasswordIsRejected() {
		assertThat(this.browser
			.get("/actuator/migrations", "Authorization", TestBrowser.basic("admin", "wrong"))
			.statusCode()).isEqualTo(401);
	}

	@Test
	void otherActuatorEndpointsAreDeniedEvenToAdministrators() {
		for (String path : List.of("/actuator", "/actuator/env", "/actuator/beans")) {
			assertThat(this.browser.get(path).statusCode()).as(path).isEqualTo(401);
			assertThat(this.browser.get(path, "Authorization", ADMIN).statusCode()).as(path).isEqualTo(403);
		}
	}

	@Test
	void actuatorNeverCreatesASession() {
		HttpResponse<String> response = this.browser.get("/actuator/migrations", "Authorization", ADMIN);

		assertThat(response.headers().allValues("Set-Cookie")).noneMatch((cookie) -> cookie.startsWith("JSESSIONID"));
	}

	private static void assertAllApplied(JsonNode status) {
		List<String> scripts = SampleMigrations.upScripts();
		assertThat(scripts).hasSizeGreaterThanOrEqualTo(7);
		assertThat(status.get("keyspace").asString()).isEqualTo(KEYSPACE + "_migrations");
		assertThat(status.get("currentVersion").asString()).isEqualTo(version(scripts.get(scripts.size() - 1)));
		assertThat(status.get("pending").asInt()).isZero();
		assertThat(status.get("counts").get("APPLIED").asInt()).isEqualTo(scripts.size());
		assertThat(status.get("problems").values()).isEmpty();
		assertThat(status.get("migrations").values()).extracting((migration) -> migration.get("script").asString())
			.containsExactlyElementsOf(scripts);
		assertThat(status.get("migrations").values()).allSatisfy((migration) -> {
			assertThat(migration.get("state").asString()).isEqualTo("APPLIED");
			assertThat(migration.get("checksumDrift").asBoolean()).isFalse();
			assertThat(migration.get("undoAvailable").asBoolean()).isTrue();
		});
	}

	private static String version(String script) {
		return MigrationFileName.parse(script).version().toString();
	}

}
