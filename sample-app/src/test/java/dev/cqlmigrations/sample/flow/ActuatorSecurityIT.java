package dev.cqlmigrations.sample.flow;

import java.net.http.HttpResponse;
import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.cqlmigrations.sample.TestSchema;
import dev.cqlmigrations.test.TestKeyspaces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call which actuator endpoint: health is public, the migrations endpoint is for
 * administrators with HTTP Basic, everything else under {@code /actuator} is denied.
 */
class ActuatorSecurityIT extends AuthorizationServerIntegrationTest {

	private static final String KEYSPACE = TestKeyspaces.unique("sample_actuator");

	private static final String ADMIN = TestBrowser.basic("admin", "admin");

	private static final String USER = TestBrowser.basic("user", "password");

	@DynamicPropertySource
	static void keyspace(DynamicPropertyRegistry registry) {
		registry.add("sample.keyspace", () -> KEYSPACE);
	}

	@BeforeAll
	static void createSchema(CqlSession session) {
		TestSchema.create(session, KEYSPACE);
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
	void migrationsEndpointLetsAdministratorsThrough() {
		HttpResponse<String> status = this.browser.get("/actuator/migrations", "Authorization", ADMIN);
		// A POST without a CSRF token: the actuator chain is stateless HTTP Basic, exempt from CSRF.
		HttpResponse<String> rollback = this.browser.postJson("/actuator/migrations/rollback", "{\"dryRun\":true}",
				"Authorization", ADMIN);

		// TODO tighten once the migrations endpoint exists and this test lets the starter migrate
		// (migrations.enabled=true, TestSchema gone): expect 200 with this keyspace's history for
		// the GET, and 200 with the would-be rollback (dry run) for the POST. Until then the
		// endpoint is missing (404), and all this test can prove is that security lets an
		// administrator through: neither 401 nor 403.
		assertThat(status.statusCode()).isNotIn(401, 403);
		assertThat(rollback.statusCode()).isNotIn(401, 403);
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

}
