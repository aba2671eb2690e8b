package dev.cqlmigrations.sample.flow;

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
 * A service gets a token with the client credentials grant; the token is found again through
 * introspection, and revocation makes it inactive.
 */
class ClientCredentialsFlowIT extends AuthorizationServerIntegrationTest {

	private static final String KEYSPACE = TestKeyspaces.unique("sample_client_credentials");

	private static final String CLIENT = TestBrowser.basic("demo-service", "demo-secret");

	@DynamicPropertySource
	static void keyspace(DynamicPropertyRegistry registry) {
		registry.add("sample.keyspace", () -> KEYSPACE);
	}

	@Test
	void issuedTokenIsActiveOnIntrospectionUntilItIsRevoked(CqlSession session) {
		JsonNode token = tokenRequest(200, List.of("grant_type", "client_credentials", "scope", "messages.read"),
				"Authorization", CLIENT);
		String accessToken = token.get("access_token").asString();
		assertThat(token.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(token.get("scope").asString()).isEqualTo("messages.read");

		JsonNode introspection = introspect(accessToken);
		assertThat(introspection.get("active").asBoolean()).isTrue();
		assertThat(introspection.get("client_id").asString()).isEqualTo("demo-service");
		assertThat(introspection.get("scope").asString()).isEqualTo("messages.read");

		Row lookup = session
			.execute(session
				.prepare("SELECT token_type, authorization_id FROM " + KEYSPACE
						+ ".authorizations_by_token WHERE token_hash = ?")
				.bind(TokenHashes.sha256(accessToken)))
			.one();
		assertThat(lookup.getString("token_type")).isEqualTo("access_token");
		Row authorization = session
			.execute(session
				.prepare("SELECT authorization_grant_type, access_token_value FROM " + KEYSPACE
						+ ".authorizations WHERE id = ?")
				.bind(lookup.getString("authorization_id")))
			.one();
		assertThat(authorization.getString("authorization_grant_type")).isEqualTo("client_credentials");
		assertThat(authorization.getString("access_token_value")).isEqualTo(accessToken);

		assertThat(this.browser
			.postForm("/oauth2/revoke", List.of("token", accessToken), "Authorization", CLIENT)
			.statusCode()).isEqualTo(200);

		assertThat(introspect(accessToken).get("active").asBoolean()).isFalse();
	}

	@Test
	void wrongSecretGetsNoToken() {
		JsonNode error = tokenRequest(401, List.of("grant_type", "client_credentials"), "Authorization",
				TestBrowser.basic("demo-service", "wrong"));

		assertThat(error.get("error").asString()).isEqualTo("invalid_client");
	}

	@Test
	void unknownTokenIsInactive() {
		assertThat(introspect("not-a-token").get("active").asBoolean()).isFalse();
	}

	private JsonNode introspect(String token) {
		return json(this.browser.postForm("/oauth2/introspect", List.of("token", token), "Authorization", CLIENT));
	}

}
