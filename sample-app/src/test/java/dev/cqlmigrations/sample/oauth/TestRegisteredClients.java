package dev.cqlmigrations.sample.oauth;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Registered clients for repository tests.
 */
final class TestRegisteredClients {

	private TestRegisteredClients() {
	}

	static RegisteredClient.Builder webClient(String clientId) {
		return RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			// Cassandra timestamps have millisecond precision.
			.clientIdIssuedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.clientSecret("{noop}secret")
			.clientName("Test client " + clientId)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUri("https://client.example.com/callback")
			.postLogoutRedirectUri("https://client.example.com/bye")
			.scope(OidcScopes.OPENID)
			.scope("messages.read")
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenTimeToLive(Duration.ofMinutes(7))
				.authorizationCodeTimeToLive(Duration.ofSeconds(90))
				.reuseRefreshTokens(false)
				.build());
	}

}
