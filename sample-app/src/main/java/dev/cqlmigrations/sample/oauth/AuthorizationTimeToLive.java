package dev.cqlmigrations.sample.oauth;

import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * How long the rows of an authorization live in Cassandra: a lookup row until its token
 * expires, the authorization itself until its last token expires, so that expired codes and
 * tokens disappear without a cleanup job. An authorization still waiting for the user's
 * consent (it holds a {@code state}) lives for the configured pending time.
 */
final class AuthorizationTimeToLive {

	/** TTL value that means "never expires". */
	static final int NONE = 0;

	/** Cassandra's largest TTL: 20 years. */
	static final int MAX_SECONDS = 630_720_000;

	private final Duration pending;

	AuthorizationTimeToLive(Duration pending) {
		this.pending = pending;
	}

	/**
	 * TTL of an authorization's row.
	 * @param authorization the authorization
	 * @param now the current time
	 * @return seconds, or {@link #NONE} when one of its tokens never expires
	 */
	int ofAuthorization(OAuth2Authorization authorization, Instant now) {
		Instant end = null;
		boolean hasToken = false;
		for (TokenKind kind : TokenKind.values()) {
			OAuth2Authorization.Token<? extends OAuth2Token> token = kind.tokenOf(authorization);
			if (token == null) {
				continue;
			}
			hasToken = true;
			Instant expiresAt = token.getToken().getExpiresAt();
			if (expiresAt == null) {
				return NONE;
			}
			end = later(end, expiresAt);
		}
		if (!hasToken || authorization.getAttribute(OAuth2ParameterNames.STATE) != null) {
			end = later(end, now.plus(this.pending));
		}
		return secondsUntil(end, now);
	}

	/**
	 * TTL of a token's lookup row: never longer than the authorization's row, which it points to.
	 * @param token the token
	 * @param authorizationTimeToLive the TTL of the authorization's row
	 * @param now the current time
	 * @return seconds, or {@link #NONE}
	 */
	int ofToken(OAuth2Token token, int authorizationTimeToLive, Instant now) {
		Instant expiresAt = token.getExpiresAt();
		if (expiresAt == null) {
			return authorizationTimeToLive;
		}
		int seconds = secondsUntil(expiresAt, now);
		return (authorizationTimeToLive == NONE) ? seconds : Math.min(seconds, authorizationTimeToLive);
	}

	private static Instant later(Instant current, Instant candidate) {
		return (current == null || candidate.isAfter(current)) ? candidate : current;
	}

	// Rounded up so that a row outlives its token, and at least 1 s: a TTL of 0 would mean forever.
	private static int secondsUntil(Instant end, Instant now) {
		long millis = Duration.between(now, end).toMillis();
		long seconds = Math.max(1, (millis + 999) / 1000);
		return (int) Math.min(seconds, MAX_SECONDS);
	}

}
