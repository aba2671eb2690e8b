package dev.cqlmigrations.sample.flow;

import java.nio.ByteBuffer;
import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.cqlmigrations.sample.oauth.TokenHashes;
import dev.cqlmigrations.test.TestKeyspaces;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user signs in on the login form and consents; the client exchanges the code (with its
 * PKCE verifier) for tokens and refreshes them. Every step leaves its rows in Cassandra.
 */
class AuthorizationCodeFlowIT extends AuthorizationServerIntegrationTest {

	private static final String KEYSPACE = TestKeyspaces.unique("sample_authorization_code");

	private static final String WEB_CLIENT = TestBrowser.basic("demo-web", "demo-web-secret");

	@DynamicPropertySource
	static void keyspace(DynamicPropertyRegistry registry) {
		registry.add("sample.keyspace", () -> KEYSPACE);
	}

	@Test
	void confidentialClientGetsTokensForACodeAndRefreshesThem(CqlSession session) {
		String verifier = newCodeVerifier();
		String code = authorize("demo-web", "openid profile messages.read", codeChallenge(verifier));
		String authorizationId = lookup(session, code, "code").getString("authorization_id");
		Row consent = session
			.execute(session
				.prepare("SELECT authorities FROM " + KEYSPACE + ".authorization_consents "
						+ "WHERE registered_client_id = ? AND principal_name = ?")
				.bind(registeredClientId(session, "demo-web"), "user"))
			.one();
		assertThat(consent.getSet("authorities", String.class)).contains("SCOPE_messages.read", "SCOPE_profile");

		JsonNode tokens = tokenRequest(200, List.of("grant_type", "authorization_code", "code", code, "redirect_uri",
				REDIRECT_URI, "code_verifier", verifier), "Authorization", WEB_CLIENT);
		String accessToken = tokens.get("access_token").asString();
		String refreshToken = tokens.get("refresh_token").asString();
		assertThat(tokens.get("id_token").asString()).isNotEmpty();
		assertThat(lookup(session, accessToken, "access_token").getString("authorization_id"))
			.isEqualTo(authorizationId);
		assertThat(lookup(session, refreshToken, "refresh_token").getString("authorization_id"))
			.isEqualTo(authorizationId);
		assertThat(lookup(session, tokens.get("id_token").asString(), "id_token")).isNotNull();
		Row authorization = session
			.execute(session
				.prepare("SELECT principal_name, authorization_grant_type, authorized_scopes, "
						+ "authorization_code_value, access_token_value, refresh_token_value, attributes FROM "
						+ KEYSPACE + ".authorizations WHERE id = ?")
				.bind(authorizationId))
			.one();
		assertThat(authorization.getString("principal_name")).isEqualTo("user");
		assertThat(authorization.getString("authorization_grant_type")).isEqualTo("authorization_code");
		assertThat(authorization.getSet("authorized_scopes", String.class))
			.containsExactlyInAnyOrder("openid", "profile", "messages.read");
		assertThat(authorization.getString("authorization_code_value")).isEqualTo(code);
		assertThat(authorization.getString("access_token_value")).isEqualTo(accessToken);
		assertThat(authorization.getString("refresh_token_value")).isEqualTo(refreshToken);
		// The principal is kept as JSON, without its password.
		assertThat(authorization.getString("attributes")).contains("\"username\":\"user\"").doesNotContain("{bcrypt}");

		JsonNode refreshed = tokenRequest(200, List.of("grant_type", "refresh_token", "refresh_token", refreshToken),
				"Authorization", WEB_CLIENT);
		String newRefreshToken = refreshed.get("refresh_token").asString();
		assertThat(refreshed.get("access_token").asString()).isNotEqualTo(accessToken);
		assertThat(newRefreshToken).isNotEqualTo(refreshToken);
		assertThat(lookup(session, newRefreshToken, "refresh_token").getString("authorization_id"))
			.isEqualTo(authorizationId);
		assertThat(lookup(session, refreshToken, "refresh_token")).isNull();
		JsonNode replay = tokenRequest(400, List.of("grant_type", "refresh_token", "refresh_token", refreshToken),
				"Authorization", WEB_CLIENT);
		assertThat(replay.get("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void codeIsNotExchangedWithoutItsVerifier() {
		String verifier = newCodeVerifier();
		String code = authorize("demo-web", "openid messages.read", codeChallenge(verifier));
		List<String> exchange = List.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI,
				"code_verifier", newCodeVerifier());

		assertThat(tokenRequest(400, exchange, "Authorization", WEB_CLIENT).get("error").asString())
			.isEqualTo("invalid_grant");
	}

	@Test
	void publicClientExchangesItsCodeWithTheVerifierAloneAndGetsNoRefreshToken() {
		String verifier = newCodeVerifier();
		String code = authorize("demo-spa", "openid messages.read", codeChallenge(verifier));

		JsonNode tokens = tokenRequest(200, List.of("grant_type", "authorization_code", "client_id", "demo-spa", "code",
				code, "redirect_uri", REDIRECT_URI, "code_verifier", verifier));

		assertThat(tokens.get("access_token").asString()).isNotEmpty();
		// Spring Authorization Server issues refresh tokens to confidential clients only.
		assertThat(tokens.has("refresh_token")).isFalse();
		JsonNode replay = tokenRequest(400, List.of("grant_type", "authorization_code", "client_id", "demo-spa", "code",
				code, "redirect_uri", REDIRECT_URI, "code_verifier", verifier));
		assertThat(replay.get("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void userCanSignInWithTheirEmailAddress() {
		String verifier = newCodeVerifier();

		String code = authorize("user@example.com", "demo-spa", "openid messages.read", codeChallenge(verifier));

		assertThat(code).isNotEmpty();
	}

	private static Row lookup(CqlSession session, String value, String type) {
		ByteBuffer hash = TokenHashes.sha256(value);
		return session
			.execute(session
				.prepare("SELECT authorization_id FROM " + KEYSPACE
						+ ".authorizations_by_token WHERE token_hash = ? AND token_type = ?")
				.bind(hash, type))
			.one();
	}

	private static String registeredClientId(CqlSession session, String clientId) {
		return session
			.execute(session
				.prepare("SELECT id FROM " + KEYSPACE + ".registered_clients_by_client_id WHERE client_id = ?")
				.bind(clientId))
			.one()
			.getString("id");
	}

}
