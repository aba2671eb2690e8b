package dev.cqlmigrations.sample.oauth;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import org.springframework.data.cassandra.core.cql.CqlOperations;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.util.Assert;

/**
 * {@link OAuth2AuthorizationService} on two tables: {@code authorizations}, one row per
 * authorization read by id, and {@code authorizations_by_token}, which finds the authorization
 * of a presented code or token by the SHA-256 hash of its value in one single-partition read.
 * Rows carry TTLs that end with their tokens (see {@link AuthorizationTimeToLive}).
 * <p>
 * The two tables are written one after the other, not in a batch: a lookup row is only used
 * after the authorization it points to has been read back and found to hold the presented
 * value, so a lookup row left behind by a failure never grants anything.
 */
public class CassandraOAuth2AuthorizationService implements OAuth2AuthorizationService {

	private final PreparedStatements statements;

	private final CqlOperations cql;

	private final AuthorizationColumns columns;

	private final AuthorizationRowMapper rowMapper;

	private final AuthorizationTimeToLive timeToLive;

	private final Clock clock;

	private final String insertAuthorization;

	private final String selectAuthorization;

	private final String selectStoredValues;

	private final String deleteAuthorization;

	private final String insertLookup;

	private final String selectLookup;

	private final String selectLookupOfType;

	private final String deleteLookup;

	/**
	 * Creates a new instance.
	 * @param cql the CQL operations
	 * @param registeredClients the clients authorizations refer to
	 * @param keyspace the keyspace of the tables
	 * @param pendingTimeToLive how long an authorization without tokens is kept
	 */
	public CassandraOAuth2AuthorizationService(CqlOperations cql, RegisteredClientRepository registeredClients,
			String keyspace, Duration pendingTimeToLive) {
		this(cql, registeredClients, keyspace, pendingTimeToLive, Clock.systemUTC());
	}

	CassandraOAuth2AuthorizationService(CqlOperations cql, RegisteredClientRepository registeredClients,
			String keyspace, Duration pendingTimeToLive, Clock clock) {
		OAuthJson json = new OAuthJson();
		this.cql = cql;
		this.statements = new PreparedStatements(cql);
		this.columns = new AuthorizationColumns(json);
		this.rowMapper = new AuthorizationRowMapper(registeredClients, json);
		this.timeToLive = new AuthorizationTimeToLive(pendingTimeToLive);
		this.clock = clock;
		String authorizations = keyspace + ".authorizations";
		String lookup = keyspace + ".authorizations_by_token";
		this.insertAuthorization = "INSERT INTO " + authorizations + " (" + String.join(", ", AuthorizationColumns.NAMES)
				+ ") VALUES (" + AuthorizationColumns.NAMES.stream().map((name) -> "?").collect(Collectors.joining(", "))
				+ ") USING TTL ?";
		this.selectAuthorization = "SELECT * FROM " + authorizations + " WHERE id = ?";
		this.selectStoredValues = "SELECT "
				+ List.of(TokenKind.values()).stream().map(TokenKind::valueColumn).collect(Collectors.joining(", "))
				+ " FROM " + authorizations + " WHERE id = ?";
		this.deleteAuthorization = "DELETE FROM " + authorizations + " WHERE id = ?";
		this.insertLookup = "INSERT INTO " + lookup
				+ " (token_hash, token_type, authorization_id) VALUES (?, ?, ?) USING TTL ?";
		this.selectLookup = "SELECT token_type, authorization_id FROM " + lookup + " WHERE token_hash = ?";
		this.selectLookupOfType = "SELECT token_type, authorization_id FROM " + lookup
				+ " WHERE token_hash = ? AND token_type = ?";
		this.deleteLookup = "DELETE FROM " + lookup + " WHERE token_hash = ? AND token_type = ?";
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		Assert.notNull(authorization, "authorization cannot be null");
		Instant now = this.clock.instant();
		Set<TokenLookupKey> stored = storedLookupKeys(authorization.getId());
		int authorizationTtl = this.timeToLive.ofAuthorization(authorization, now);
		this.cql.execute(bindAuthorization(authorization, authorizationTtl, stored != null));
		Map<TokenLookupKey, Integer> current = lookupKeys(authorization, authorizationTtl, now);
		current.forEach((key, ttl) -> this.cql.execute(this.statements.get(this.insertLookup)
			.bind(key.hash(), key.kind().type(), authorization.getId(), ttl)));
		if (stored != null) {
			// A state answered by a consent, a rotated refresh token: their values no longer find this authorization.
			stored.removeAll(current.keySet());
			stored.forEach(this::deleteLookup);
		}
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		Assert.notNull(authorization, "authorization cannot be null");
		Set<TokenLookupKey> keys = new HashSet<>(lookupKeys(authorization, AuthorizationTimeToLive.NONE,
				this.clock.instant()).keySet());
		Set<TokenLookupKey> stored = storedLookupKeys(authorization.getId());
		if (stored != null) {
			keys.addAll(stored);
		}
		keys.forEach(this::deleteLookup);
		this.cql.execute(this.statements.get(this.deleteAuthorization).bind(authorization.getId()));
	}

	@Override
	public OAuth2Authorization findById(String id) {
		Assert.hasText(id, "id cannot be empty");
		List<OAuth2Authorization> found = this.cql.query(this.statements.get(this.selectAuthorization).bind(id),
				this.rowMapper);
		return found.isEmpty() ? null : found.get(0);
	}

	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		Assert.hasText(token, "token cannot be empty");
		ByteBuffer hash = TokenHashes.sha256(token);
		BoundStatement lookup;
		if (tokenType == null) {
			// No hint (introspection, revocation): every kind sits in the same partition.
			lookup = this.statements.get(this.selectLookup).bind(hash);
		}
		else {
			TokenKind kind = TokenKind.ofType(tokenType.getValue());
			if (kind == null) {
				return null;
			}
			lookup = this.statements.get(this.selectLookupOfType).bind(hash, kind.type());
		}
		for (Row row : this.cql.queryForResultSet(lookup)) {
			TokenKind kind = TokenKind.ofType(row.getString("token_type"));
			OAuth2Authorization authorization = findById(row.getString("authorization_id"));
			if (kind != null && authorization != null && token.equals(kind.valueOf(authorization))) {
				return authorization;
			}
		}
		return null;
	}

	private BoundStatement bindAuthorization(OAuth2Authorization authorization, int ttl, boolean exists) {
		Map<String, Object> values = this.columns.valuesOf(authorization);
		List<Object> parameters = new ArrayList<>(values.values());
		parameters.add(ttl);
		BoundStatement statement = this.statements.get(this.insertAuthorization).bind(parameters.toArray());
		if (!exists) {
			// A new row has nothing to clear: leave absent values unset instead of writing tombstones.
			for (int i = 0; i < values.size(); i++) {
				if (parameters.get(i) == null) {
					statement = statement.unset(i);
				}
			}
		}
		return statement;
	}

	private Map<TokenLookupKey, Integer> lookupKeys(OAuth2Authorization authorization, int authorizationTtl,
			Instant now) {
		Map<TokenLookupKey, Integer> keys = new LinkedHashMap<>();
		for (TokenKind kind : TokenKind.values()) {
			String value = kind.valueOf(authorization);
			if (value == null) {
				continue;
			}
			OAuth2Authorization.Token<? extends OAuth2Token> token = kind.tokenOf(authorization);
			int ttl = (token != null) ? this.timeToLive.ofToken(token.getToken(), authorizationTtl, now)
					: authorizationTtl;
			keys.put(TokenLookupKey.of(kind, value), ttl);
		}
		return keys;
	}

	/**
	 * The lookup keys of the stored version of an authorization.
	 * @return the keys, or {@code null} when the authorization is not stored
	 */
	private Set<TokenLookupKey> storedLookupKeys(String id) {
		Row row = this.cql.queryForResultSet(this.statements.get(this.selectStoredValues).bind(id)).one();
		if (row == null) {
			return null;
		}
		Set<TokenLookupKey> keys = new HashSet<>();
		for (TokenKind kind : TokenKind.values()) {
			String value = row.getString(kind.valueColumn());
			if (value != null) {
				keys.add(TokenLookupKey.of(kind, value));
			}
		}
		return keys;
	}

	private void deleteLookup(TokenLookupKey key) {
		this.cql.execute(this.statements.get(this.deleteLookup).bind(key.hash(), key.kind().type()));
	}

}
