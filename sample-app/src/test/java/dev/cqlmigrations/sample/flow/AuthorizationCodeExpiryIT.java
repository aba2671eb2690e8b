package dev.cqlmigrations.sample.flow;

import java.time.Duration;
import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.cqlmigrations.sample.oauth.TokenHashes;
import dev.cqlmigrations.test.TestKeyspaces;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorization codes that live two seconds: once expired, Cassandra has dropped their rows
 * by TTL and the code can no longer be exchanged.
 */
class AuthorizationCodeExpiryIT extends AuthorizationServerIntegrationTest {

	private static final String KEYSPACE = TestKeyspaces.unique("sample_code_expiry");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("sample.keyspace", () -> KEYSPACE);
		registry.add("sample.demo.authorization-code-time-to-live", () -> "2s");
	}

	@Test
	void expiredCodeIsGoneFromCassandraAndCannotBeExchanged(CqlSession session) throws InterruptedException {
		String verifier = newCodeVerifier();
		String code = authorize("demo-web", "openid messages.read", codeChallenge(verifier));
		String authorizationId = authorizationIdOfCode(session, code);
		assertThat(authorizationId).isNotNull();

		awaitGone(session, code, Duration.ofSeconds(10));

		assertThat(session
			.execute(session.prepare("SELECT id FROM " + KEYSPACE + ".authorizations WHERE id = ?")
				.bind(authorizationId))
			.one()).isNull();
		assertThat(tokenRequest(400,
				List.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI,
						"code_verifier", verifier),
				"Authorization", TestBrowser.basic("demo-web", "demo-web-secret"))
			.get("error")
			.asString()).isEqualTo("invalid_grant");
	}

	private static void awaitGone(CqlSession session, String code, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (authorizationIdOfCode(session, code) != null) {
			assertThat(System.nanoTime()).as("code row still there after " + timeout).isLessThan(deadline);
			Thread.sleep(250);
		}
	}

	private static String authorizationIdOfCode(CqlSession session, String code) {
		Row row = session
			.execute(session
				.prepare("SELECT authorization_id FROM " + KEYSPACE
						+ ".authorizations_by_token WHERE token_hash = ? AND token_type = 'code'")
				.bind(TokenHashes.sha256(code)))
			.one();
		return (row != null) ? row.getString("authorization_id") : null;
	}

}
