package dev.cqlmigrations.sample.flow;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.cqlmigrations.sample.SampleApplication;
import dev.cqlmigrations.sample.migrations.SampleMigrations;
import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;
import dev.cqlmigrations.test.TestKeyspaces;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator undoes the last migration over HTTP, V7 (the index that lets users sign in
 * with their e-mail address): the index is really gone and the history says so. Users and
 * anonymous callers cannot roll back. The next start of the application, on the same keyspace,
 * applies V7 again.
 */
@EmbeddedCassandra
class MigrationsRollbackIT {

	private static final String KEYSPACE = TestKeyspaces.unique("sample_rollback");

	private static final String HISTORY = KEYSPACE + "_migrations.migration_history";

	private static final String ROLLBACK = "/actuator/migrations/rollback";

	private static final String ADMIN = TestBrowser.basic("admin", "admin");

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void onlyAnAdministratorRollsBackTheEmailIndexAndTheNextStartCreatesItAgain(CassandraNode node,
			CqlSession session) {
		List<String> scripts = SampleMigrations.upScripts();
		assertThat(scripts.get(scripts.size() - 1)).isEqualTo("V7__index_user_email.cql");

		Instant rolledBackAt;
		try (ConfigurableApplicationContext application = start(node)) {
			TestBrowser browser = browser(application);
			assertThat(browser.postJson(ROLLBACK, "").statusCode()).isEqualTo(401);
			assertThat(browser.postJson(ROLLBACK, "", "Authorization", TestBrowser.basic("user", "password"))
				.statusCode()).isEqualTo(403);
			assertThat(emailIndexExists(session)).isTrue();
			assertThat(history(session, "7").getString("state")).isEqualTo("APPLIED");

			// No body: the last applied migration. JSON content type, as for every actuator write.
			HttpResponse<String> response = browser.postJson(ROLLBACK, "", "Authorization", ADMIN);

			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			JsonNode rollback = json.readTree(response.body());
			assertThat(rollback.get("dryRun").asBoolean()).isFalse();
			assertThat(rollback.get("keyspace").asString()).isEqualTo(KEYSPACE + "_migrations");
			assertThat(rollback.get("versionBefore").asString()).isEqualTo("7");
			assertThat(rollback.get("versionAfter").asString()).isEqualTo("6");
			assertThat(rollback.get("migrations").values()).singleElement().satisfies((undone) -> {
				assertThat(undone.get("version").asString()).isEqualTo("7");
				assertThat(undone.get("script").asString()).isEqualTo("U7__index_user_email.cql");
				assertThat(undone.get("statements").values()).extracting(JsonNode::asString)
					.containsExactly("DROP INDEX IF EXISTS " + KEYSPACE + ".users_email_idx");
			});

			assertThat(emailIndexExists(session)).isFalse();
			Row history = history(session, "7");
			assertThat(history.getString("state")).isEqualTo("ROLLED_BACK");
			rolledBackAt = history.getInstant("rolled_back_at");
			assertThat(rolledBackAt).isNotNull();
			assertThat(history(session, "6").getString("state")).isEqualTo("APPLIED");
			JsonNode status = status(browser);
			assertThat(status.get("currentVersion").asString()).isEqualTo("6");
			assertThat(status.get("pending").asInt()).isEqualTo(1);
			assertThat(states(status)).containsExactly("APPLIED", "APPLIED", "APPLIED", "APPLIED", "APPLIED", "APPLIED",
					"ROLLED_BACK");
			// What the index was for: signing in by e-mail fails, by user name still works.
			assertThat(signIn(browser(application), "user@example.com")).endsWith("/login?error");
			assertThat(signIn(browser(application), "user")).doesNotContain("error");
		}

		try (ConfigurableApplicationContext restarted = start(node)) {
			assertThat(emailIndexExists(session)).isTrue();
			Row history = history(session, "7");
			assertThat(history.getString("state")).isEqualTo("APPLIED");
			assertThat(history.getInstant("applied_at")).isAfter(rolledBackAt);
			JsonNode status = status(browser(restarted));
			assertThat(status.get("currentVersion").asString()).isEqualTo("7");
			assertThat(status.get("pending").asInt()).isZero();
			assertThat(states(status)).hasSize(7).containsOnly("APPLIED");
			assertThat(signIn(browser(restarted), "user@example.com")).doesNotContain("error");
		}
	}

	// The application as it runs in production: migrations on startup, the dev profile's demo users.
	private static ConfigurableApplicationContext start(CassandraNode node) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--sample.keyspace=" + KEYSPACE,
				"--spring.cassandra.contact-points=" + node.contactPointText(),
				"--spring.cassandra.local-datacenter=" + node.localDatacenter()));
		if (node.username() != null) {
			args.add("--spring.cassandra.username=" + node.username());
			args.add("--spring.cassandra.password=" + node.password());
		}
		return new SpringApplicationBuilder(SampleApplication.class).profiles("dev").run(args.toArray(String[]::new));
	}

	private static TestBrowser browser(ConfigurableApplicationContext application) {
		return new TestBrowser(application.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
	}

	private static JsonNode status(TestBrowser browser) {
		HttpResponse<String> response = browser.get("/actuator/migrations", "Authorization", ADMIN);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static List<String> states(JsonNode status) {
		return status.get("migrations").valueStream().map((migration) -> migration.get("state").asString()).toList();
	}

	private static boolean emailIndexExists(CqlSession session) {
		return session.execute("SELECT index_name FROM system_schema.indexes WHERE keyspace_name = ? "
				+ "AND table_name = 'users' AND index_name = 'users_email_idx'", KEYSPACE).one() != null;
	}

	// The whole history is one small partition: read it all, pick the version.
	private static Row history(CqlSession session, String version) {
		for (Row row : session.execute("SELECT version, state, applied_at, rolled_back_at FROM " + HISTORY)) {
			if (version.equals(row.getString("version"))) {
				return row;
			}
		}
		throw new AssertionError("No history row for version " + version + " in " + HISTORY);
	}

	/**
	 * Signs in on the login form with the demo password.
	 * @return where the login form redirects: {@code /login?error} when it failed
	 */
	private static String signIn(TestBrowser browser, String login) {
		String csrf = TestBrowser.hiddenField(browser.get("/login").body(), "_csrf");
		HttpResponse<String> response = browser.postForm("/login",
				List.of("username", login, "password", "password", "_csrf", csrf));
		assertThat(response.statusCode()).isEqualTo(302);
		return TestBrowser.location(response);
	}

}
