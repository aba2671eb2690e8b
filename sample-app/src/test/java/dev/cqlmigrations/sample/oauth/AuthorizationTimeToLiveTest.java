package dev.cqlmigrations.sample.oauth;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizationTimeToLiveTest {

	private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

	private final AuthorizationTimeToLive timeToLive = new AuthorizationTimeToLive(Duration.ofMinutes(10));

	@Test
	void authorizationLivesUntilItsLastTokenExpires() {
		OAuth2Authorization authorization = authorization()
			.accessToken(accessToken(NOW.plusSeconds(300)))
			.refreshToken(new OAuth2RefreshToken("refresh", NOW, NOW.plusSeconds(3600)))
			.build();

		assertThat(this.timeToLive.ofAuthorization(authorization, NOW)).isEqualTo(3600);
	}

	@Test
	void authorizationWaitingForConsentLivesForThePendingTime() {
		OAuth2Authorization authorization = authorization().attribute(OAuth2ParameterNames.STATE, "state").build();

		assertThat(this.timeToLive.ofAuthorization(authorization, NOW)).isEqualTo(600);
	}

	@Test
	void authorizationWithATokenThatNeverExpiresNeverExpires() {
		OAuth2Authorization authorization = authorization()
			.refreshToken(new OAuth2RefreshToken("refresh", NOW, null))
			.build();

		assertThat(this.timeToLive.ofAuthorization(authorization, NOW)).isEqualTo(AuthorizationTimeToLive.NONE);
	}

	@Test
	void partSecondsAreRoundedUpSoThatRowsOutliveTheirTokens() {
		OAuth2Authorization authorization = authorization()
			.token(new OAuth2AuthorizationCode("code", NOW, NOW.plusMillis(1500)))
			.build();

		assertThat(this.timeToLive.ofAuthorization(authorization, NOW)).isEqualTo(2);
	}

	@Test
	void alreadyExpiredTokenGetsTheShortestTtlNotZeroWhichWouldMeanForever() {
		assertThat(this.timeToLive.ofToken(accessToken(NOW.minusSeconds(5)), 3600, NOW)).isEqualTo(1);
	}

	@Test
	void tokenLookupNeverOutlivesItsAuthorization() {
		assertThat(this.timeToLive.ofToken(accessToken(NOW.plusSeconds(300)), 100, NOW)).isEqualTo(100);
		assertThat(this.timeToLive.ofToken(accessToken(NOW.plusSeconds(300)), AuthorizationTimeToLive.NONE, NOW))
			.isEqualTo(300);
	}

	@Test
	void ttlIsCappedAtCassandrasMaximum() {
		OAuth2Authorization authorization = authorization()
			.refreshToken(new OAuth2RefreshToken("refresh", NOW, NOW.plus(Duration.ofDays(365 * 30))))
			.build();

		assertThat(this.timeToLive.ofAuthorization(authorization, NOW)).isEqualTo(AuthorizationTimeToLive.MAX_SECONDS);
	}

	private static OAuth2Authorization.Builder authorization() {
		return OAuth2Authorization.withRegisteredClient(TestRegisteredClients.webClient("ttl").build())
			.principalName("user")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE);
	}

	private static OAuth2AccessToken accessToken(Instant expiresAt) {
		return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access", NOW.minusSeconds(10), expiresAt,
				Set.of());
	}

}
