package dev.cqlmigrations.sample;

import java.time.Duration;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the sample's Cassandra storage.
 *
 * @param keyspace keyspace of the authorization server's tables, also passed to the
 * migrations as the {@code keyspace} placeholder
 * @param pendingAuthorizationTimeToLive how long an authorization that has no token yet (a
 * request waiting for the user's consent) is kept
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue("oauth") String keyspace,
		@DefaultValue("10m") Duration pendingAuthorizationTimeToLive) {

	// The keyspace is written into CQL text, so only plain, unquoted identifiers are accepted.
	private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,47}");

	public SampleProperties {
		if (!IDENTIFIER.matcher(keyspace).matches()) {
			throw new IllegalArgumentException("sample.keyspace '" + keyspace + "' is not a plain CQL identifier: use "
					+ "a letter followed by up to 47 letters, digits or underscores.");
		}
		if (pendingAuthorizationTimeToLive.isNegative() || pendingAuthorizationTimeToLive.getSeconds() < 1) {
			throw new IllegalArgumentException("sample.pending-authorization-time-to-live must be at least 1s, was "
					+ pendingAuthorizationTimeToLive);
		}
	}

}
