package dev.cqlmigrations.sample.oauth;

import java.time.Instant;
import java.util.Map;

import com.datastax.oss.driver.api.core.cql.Row;

import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.data.cassandra.core.cql.RowMapper;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.util.StringUtils;

/**
 * Rebuilds an {@link OAuth2Authorization} from a row of the {@code authorizations} table.
 */
final class AuthorizationRowMapper implements RowMapper<OAuth2Authorization> {

	private final RegisteredClientRepository registeredClients;

	private final OAuthJson json;

	AuthorizationRowMapper(RegisteredClientRepository registeredClients, OAuthJson json) {
		this.registeredClients = registeredClients;
		this.json = json;
	}

	@Override
	public OAuth2Authorization mapRow(Row row, int rowNum) {
		String registeredClientId = row.getString("registered_client_id");
		RegisteredClient registeredClient = this.registeredClients.findById(registeredClientId);
		if (registeredClient == null) {
			throw new DataRetrievalFailureException("The RegisteredClient with id '" + registeredClientId
					+ "' was not found in the RegisteredClientRepository.");
		}
		Map<String, Object> attributes = readMap(row.getString("attributes"));
		OAuth2Authorization.Builder builder = OAuth2Authorization.withRegisteredClient(registeredClient)
			.id(row.getString("id"))
			.principalName(row.getString("principal_name"))
			.authorizationGrantType(new AuthorizationGrantType(row.getString("authorization_grant_type")))
			.authorizedScopes(row.getSet("authorized_scopes", String.class))
			.attributes((map) -> map.putAll(attributes));
		String state = row.getString("state");
		if (StringUtils.hasText(state)) {
			builder.attribute(OAuth2ParameterNames.STATE, state);
		}
		for (TokenKind kind : TokenKind.values()) {
			String value = kind.isToken() ? row.getString(kind.valueColumn()) : null;
			if (StringUtils.hasText(value)) {
				Map<String, Object> metadata = readMap(row.getString(kind.column() + "_metadata"));
				OAuth2Token token = token(kind, value, row, metadata);
				builder.token(token, (map) -> map.putAll(metadata));
			}
		}
		return builder.build();
	}

	@SuppressWarnings("unchecked")
	private static OAuth2Token token(TokenKind kind, String value, Row row, Map<String, Object> metadata) {
		Instant issuedAt = row.getInstant(kind.column() + "_issued_at");
		Instant expiresAt = row.getInstant(kind.column() + "_expires_at");
		return switch (kind) {
			case AUTHORIZATION_CODE -> new OAuth2AuthorizationCode(value, issuedAt, expiresAt);
			case ACCESS_TOKEN -> new OAuth2AccessToken(accessTokenType(row.getString("access_token_type")), value,
					issuedAt, expiresAt, row.getSet("access_token_scopes", String.class));
			case REFRESH_TOKEN -> new OAuth2RefreshToken(value, issuedAt, expiresAt);
			case ID_TOKEN -> new OidcIdToken(value, issuedAt, expiresAt,
					(Map<String, Object>) metadata.get(OAuth2Authorization.Token.CLAIMS_METADATA_NAME));
			case USER_CODE -> new OAuth2UserCode(value, issuedAt, expiresAt);
			case DEVICE_CODE -> new OAuth2DeviceCode(value, issuedAt, expiresAt);
			case STATE -> throw new IllegalArgumentException("The state is an attribute, not a token");
		};
	}

	private static OAuth2AccessToken.TokenType accessTokenType(String type) {
		return OAuth2AccessToken.TokenType.DPOP.getValue().equalsIgnoreCase(type) ? OAuth2AccessToken.TokenType.DPOP
				: OAuth2AccessToken.TokenType.BEARER;
	}

	private Map<String, Object> readMap(String json) {
		return (json != null) ? this.json.read(json) : Map.of();
	}

}
