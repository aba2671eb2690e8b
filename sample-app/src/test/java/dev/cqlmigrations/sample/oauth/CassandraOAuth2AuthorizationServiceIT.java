package dev.cqlmigrations.sample.oauth;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.cqlmigrations.sample.migrations.SampleMigrations;
import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;
import dev.cqlmigrations.test.TestKeyspaces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.cassandra.core.cql.CqlTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

@EmbeddedCassandra
class CassandraOAuth2AuthorizationServiceIT {

	private static final String KEYSPACE = TestKeyspaces.unique("sample_authorizations");

	private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);

	private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

	private CqlSession session;

	private RegisteredClient client;

	private CassandraOAuth2AuthorizationService service;

	@BeforeAll
	static void applyMigrations(CassandraNode node) {
		SampleMigrations.apply(node, KEYSPACE);
	}

	@BeforeEach
	void createService(CqlSession session) {
		this.session = session;
		CqlTemplate cql = new CqlTemplate(session);
		CassandraRegisteredClientRepository clients = new CassandraRegisteredClientRepository(cql, KEYSPACE);
		this.client = TestRegisteredClients.webClient("client-" + UUID.randomUUID()).build();
		clients.save(this.client);
		this.service = new CassandraOAuth2AuthorizationService(cql, clients, KEYSPACE, Duration.ofMinutes(10));
	}

	@Test
	void authorizationIsFoundByIdAndByEachOfItsTokensWithOrWithoutATypeHint() {
		OAuth2Authorization authorization = withTokens(pendingConsent()).build();

		this.service.save(authorization);

		assertThat(this.service.findById(authorization.getId())).isEqualTo(authorization);
		String code = authorization.getToken(OAuth2AuthorizationCode.class).getToken().getTokenValue();
		String accessToken = authorization.getAccessToken().getToken().getTokenValue();
		String refreshToken = authorization.getRefreshToken().getToken().getTokenValue();
		assertThat(this.service.findByToken(code, CODE)).isEqualTo(authorization);
		assertThat(this.service.findByToken(accessToken, OAuth2TokenType.ACCESS_TOKEN)).isEqualTo(authorization);
		assertThat(this.service.findByToken(refreshToken, OAuth2TokenType.REFRESH_TOKEN)).isEqualTo(authorization);
		assertThat(this.service.findByToken(accessToken, null)).isEqualTo(authorization);
		assertThat(this.service.findByToken(refreshToken, null)).isEqualTo(authorization);
		assertThat(this.service.findByToken(accessToken, OAuth2TokenType.REFRESH_TOKEN)).isNull();
		assertThat(this.service.findByToken("unknown", null)).isNull();
	}

	@Test
	void principalAndAuthorizationRequestSurviveTheRoundTripThroughJson() {
		OAuth2Authorization authorization = pendingConsent().build();

		this.service.save(authorization);

		OAuth2Authorization found = this.service.findById(authorization.getId());
		assertThat(found.<Object>getAttribute("java.security.Principal"))
			.isEqualTo(authorization.getAttribute("java.security.Principal"));
		assertThat(found.<OAuth2AuthorizationRequest>getAttribute(OAuth2AuthorizationRequest.class.getName())
			.getAuthorizationRequestUri())
			.isEqualTo(authorization.<OAuth2AuthorizationRequest>getAttribute(OAuth2AuthorizationRequest.class.getName())
				.getAuthorizationRequestUri());
	}

	@Test
	void lookupRowsAreKeyedByTheHashOfATokenNeverByItsValue() {
		OAuth2Authorization authorization = withTokens(pendingConsent()).build();
		this.service.save(authorization);
		String accessToken = authorization.getAccessToken().getToken().getTokenValue();

		List<Row> rows = this.session
			.execute("SELECT token_hash, token_type FROM " + KEYSPACE + ".authorizations_by_token WHERE authorization_id = '"
					+ authorization.getId() + "' ALLOW FILTERING")
			.all();

		assertThat(rows).extracting((row) -> row.getString("token_type"))
			.containsExactlyInAnyOrder("state", "code", "access_token", "refresh_token");
		assertThat(rows).extracting((row) -> row.getByteBuffer("token_hash"))
			.contains(TokenHashes.sha256(accessToken))
			.allSatisfy((hash) -> assertThat(hash.remaining()).isEqualTo(32));
	}

	@Test
	void anAnsweredConsentStateNoLongerFindsTheAuthorization() {
		OAuth2Authorization pending = pendingConsent().build();
		this.service.save(pending);
		assertThat(this.service.findByToken("consent-state", STATE)).isEqualTo(pending);

		OAuth2Authorization consented = withCode(OAuth2Authorization.from(pending)
			.attributes((attributes) -> attributes.remove(OAuth2ParameterNames.STATE))).build();
		this.service.save(consented);

		assertThat(this.service.findByToken("consent-state", STATE)).isNull();
		assertThat(this.service.findByToken("consent-state", null)).isNull();
		assertThat(this.service.findById(pending.getId()).<String>getAttribute(OAuth2ParameterNames.STATE)).isNull();
		assertThat(lookupTypes(pending.getId())).containsExactly("code");
	}

	@Test
	void aRotatedRefreshTokenNoLongerFindsTheAuthorization() {
		OAuth2Authorization first = withTokens(pendingConsent()).build();
		this.service.save(first);
		String oldRefreshToken = first.getRefreshToken().getToken().getTokenValue();

		OAuth2Authorization rotated = OAuth2Authorization.from(first)
			.refreshToken(new OAuth2RefreshToken("refresh-" + UUID.randomUUID(), now(), now().plusSeconds(3600)))
			.build();
		this.service.save(rotated);

		assertThat(this.service.findByToken(oldRefreshToken, OAuth2TokenType.REFRESH_TOKEN)).isNull();
		assertThat(this.service.findByToken(rotated.getRefreshToken().getToken().getTokenValue(), null))
			.isEqualTo(rotated);
	}

	@Test
	void aLookupRowThatPointsToAnAuthorizationWithoutThatValueFindsNothing() {
		OAuth2Authorization authorization = withTokens(pendingConsent()).build();
		this.service.save(authorization);
		this.session.execute(this.session
			.prepare("INSERT INTO " + KEYSPACE
					+ ".authorizations_by_token (token_hash, token_type, authorization_id) VALUES (?, ?, ?)")
			.bind(TokenHashes.sha256("forged"), "access_token", authorization.getId()));

		assertThat(this.service.findByToken("forged", null)).isNull();
	}

	@Test
	void rowsLiveUntilTheirLastTokenExpires() {
		OAuth2Authorization authorization = withTokens(pendingConsent()).build();

		this.service.save(authorization);

		// The consent state keeps the authorization for the pending time (10 min), its refresh token for 1 h.
		assertThat(ttl("authorizations", "principal_name", "id = '" + authorization.getId() + "'"))
			.isBetween(3590, 3600);
		String accessToken = authorization.getAccessToken().getToken().getTokenValue();
		assertThat(lookupTtl(accessToken, "access_token")).isBetween(290, 300);
		assertThat(lookupTtl("consent-state", "state")).isBetween(3590, 3600);
	}

	@Test
	void anExpiredCodeDisappearsWithItsAuthorization() throws InterruptedException {
		OAuth2AuthorizationCode code = new OAuth2AuthorizationCode("short-" + UUID.randomUUID(), now(),
				now().plusSeconds(2));
		OAuth2Authorization authorization = OAuth2Authorization.from(pendingConsent().build())
			.attributes((attributes) -> attributes.remove(OAuth2ParameterNames.STATE))
			.token(code)
			.build();
		this.service.save(authorization);
		assertThat(this.service.findByToken(code.getTokenValue(), CODE)).isNotNull();

		Thread.sleep(3500);

		assertThat(this.service.findByToken(code.getTokenValue(), CODE)).isNull();
		assertThat(this.service.findById(authorization.getId())).isNull();
		assertThat(lookupTypes(authorization.getId())).isEmpty();
	}

	@Test
	void removedAuthorizationIsGoneWithItsLookupRows() {
		OAuth2Authorization authorization = withTokens(pendingConsent()).build();
		this.service.save(authorization);

		this.service.remove(authorization);

		assertThat(this.service.findById(authorization.getId())).isNull();
		assertThat(this.service.findByToken(authorization.getAccessToken().getToken().getTokenValue(), null)).isNull();
		assertThat(lookupTypes(authorization.getId())).isEmpty();
	}

	private OAuth2Authorization.Builder pendingConsent() {
		User user = (User) User.withUsername("user").password("{noop}password").roles("USER").build();
		UsernamePasswordAuthenticationToken principal = UsernamePasswordAuthenticationToken.authenticated(user, null,
				user.getAuthorities());
		OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri("https://auth.example.com/oauth2/authorize")
			.clientId(this.client.getClientId())
			.redirectUri("https://client.example.com/callback")
			.scopes(Set.of("openid", "messages.read"))
			.state("client-state")
			.additionalParameters(Map.of("code_challenge", "challenge", "code_challenge_method", "S256"))
			.build();
		return OAuth2Authorization.withRegisteredClient(this.client)
			.id(UUID.randomUUID().toString())
			.principalName("user")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.attribute(OAuth2ParameterNames.STATE, "consent-state")
			.attribute("java.security.Principal", principal)
			.attribute(OAuth2AuthorizationRequest.class.getName(), request);
	}

	private OAuth2Authorization.Builder withCode(OAuth2Authorization.Builder builder) {
		return builder.authorizedScopes(Set.of("openid", "messages.read"))
			.token(new OAuth2AuthorizationCode("code-" + UUID.randomUUID(), now(), now().plusSeconds(90)));
	}

	private OAuth2Authorization.Builder withTokens(OAuth2Authorization.Builder builder) {
		return withCode(builder)
			.accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-" + UUID.randomUUID(), now(),
					now().plusSeconds(300), Set.of("messages.read")))
			.refreshToken(new OAuth2RefreshToken("refresh-" + UUID.randomUUID(), now(), now().plusSeconds(3600)));
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

	private List<String> lookupTypes(String authorizationId) {
		return this.session
			.execute("SELECT token_type FROM " + KEYSPACE + ".authorizations_by_token WHERE authorization_id = '"
					+ authorizationId + "' ALLOW FILTERING")
			.all()
			.stream()
			.map((row) -> row.getString("token_type"))
			.toList();
	}

	private int lookupTtl(String value, String type) {
		ByteBuffer hash = TokenHashes.sha256(value);
		Row row = this.session
			.execute(this.session
				.prepare("SELECT TTL(authorization_id) FROM " + KEYSPACE
						+ ".authorizations_by_token WHERE token_hash = ? AND token_type = ?")
				.bind(hash, type))
			.one();
		return row.getInt(0);
	}

	private int ttl(String table, String column, String where) {
		return this.session.execute("SELECT TTL(" + column + ") FROM " + KEYSPACE + "." + table + " WHERE " + where)
			.one()
			.getInt(0);
	}

}
