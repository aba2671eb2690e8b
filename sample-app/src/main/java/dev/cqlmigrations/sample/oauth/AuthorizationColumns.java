package dev.cqlmigrations.sample.oauth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * The columns of the {@code authorizations} table, and the values an authorization writes to
 * them: the same shape as Spring Authorization Server's JDBC schema, with attributes and
 * token metadata as JSON.
 */
final class AuthorizationColumns {

	/** Every column, in the order of {@link #valuesOf(OAuth2Authorization)}. */
	static final List<String> NAMES = names();

	private final OAuthJson json;

	AuthorizationColumns(OAuthJson json) {
		this.json = json;
	}

	/**
	 * The column values of an authorization; absent tokens give {@code null} values.
	 * @param authorization the authorization
	 * @return values by column name, in the order of {@link #NAMES}
	 */
	Map<String, Object> valuesOf(OAuth2Authorization authorization) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("id", authorization.getId());
		values.put("registered_client_id", authorization.getRegisteredClientId());
		values.put("principal_name", authorization.getPrincipalName());
		values.put("authorization_grant_type", authorization.getAuthorizationGrantType().getValue());
		values.put("authorized_scopes", authorization.getAuthorizedScopes());
		values.put("attributes", this.json.write(authorization.getAttributes()));
		values.put("state", authorization.getAttribute(OAuth2ParameterNames.STATE));
		for (TokenKind kind : TokenKind.values()) {
			if (kind.isToken()) {
				putToken(values, kind, kind.tokenOf(authorization));
			}
		}
		return values;
	}

	private void putToken(Map<String, Object> values, TokenKind kind,
			OAuth2Authorization.Token<? extends OAuth2Token> token) {
		String prefix = kind.column();
		OAuth2Token value = (token != null) ? token.getToken() : null;
		values.put(prefix + "_value", (value != null) ? value.getTokenValue() : null);
		values.put(prefix + "_issued_at", (value != null) ? value.getIssuedAt() : null);
		values.put(prefix + "_expires_at", (value != null) ? value.getExpiresAt() : null);
		values.put(prefix + "_metadata", (token != null) ? this.json.write(token.getMetadata()) : null);
		if (kind == TokenKind.ACCESS_TOKEN) {
			OAuth2AccessToken accessToken = (OAuth2AccessToken) value;
			values.put("access_token_type", (accessToken != null) ? accessToken.getTokenType().getValue() : null);
			values.put("access_token_scopes", (accessToken != null) ? accessToken.getScopes() : null);
		}
	}

	private static List<String> names() {
		List<String> names = new ArrayList<>(List.of("id", "registered_client_id", "principal_name",
				"authorization_grant_type", "authorized_scopes", "attributes", "state"));
		for (TokenKind kind : TokenKind.values()) {
			if (kind.isToken()) {
				String prefix = kind.column();
				names.addAll(List.of(prefix + "_value", prefix + "_issued_at", prefix + "_expires_at",
						prefix + "_metadata"));
				if (kind == TokenKind.ACCESS_TOKEN) {
					names.addAll(List.of("access_token_type", "access_token_scopes"));
				}
			}
		}
		return Collections.unmodifiableList(names);
	}

}
