package dev.cqlmigrations.sample.oauth;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;

/**
 * The values an authorization can be found by. {@link #type()} is both the
 * {@code OAuth2TokenType} value the authorization server asks with and the
 * {@code token_type} of the lookup table; {@link #column()} prefixes the token's columns in
 * the {@code authorizations} table.
 */
enum TokenKind {

	STATE("state", "state", null),

	AUTHORIZATION_CODE("code", "authorization_code", OAuth2AuthorizationCode.class),

	ACCESS_TOKEN("access_token", "access_token", OAuth2AccessToken.class),

	REFRESH_TOKEN("refresh_token", "refresh_token", OAuth2RefreshToken.class),

	ID_TOKEN("id_token", "oidc_id_token", OidcIdToken.class),

	USER_CODE("user_code", "user_code", OAuth2UserCode.class),

	DEVICE_CODE("device_code", "device_code", OAuth2DeviceCode.class);

	private final String type;

	private final String column;

	private final Class<? extends OAuth2Token> tokenClass;

	TokenKind(String type, String column, Class<? extends OAuth2Token> tokenClass) {
		this.type = type;
		this.column = column;
		this.tokenClass = tokenClass;
	}

	String type() {
		return this.type;
	}

	/**
	 * Prefix of this kind's columns in the {@code authorizations} table.
	 * @return the prefix, e.g. {@code access_token}
	 */
	String column() {
		return this.column;
	}

	/**
	 * Column of the {@code authorizations} table that holds this kind's value.
	 * @return {@code state}, or {@code <prefix>_value} for a token
	 */
	String valueColumn() {
		return isToken() ? this.column + "_value" : this.column;
	}

	boolean isToken() {
		return this.tokenClass != null;
	}

	/**
	 * The token of this kind held by an authorization.
	 * @param authorization the authorization
	 * @return the token, or {@code null} when it holds none (always for {@link #STATE})
	 */
	OAuth2Authorization.Token<? extends OAuth2Token> tokenOf(OAuth2Authorization authorization) {
		return isToken() ? authorization.getToken(this.tokenClass) : null;
	}

	/**
	 * The value of this kind held by an authorization: the token value or the state.
	 * @param authorization the authorization
	 * @return the value, or {@code null}
	 */
	String valueOf(OAuth2Authorization authorization) {
		if (this == STATE) {
			return authorization.getAttribute(OAuth2ParameterNames.STATE);
		}
		OAuth2Authorization.Token<? extends OAuth2Token> token = tokenOf(authorization);
		return (token != null) ? token.getToken().getTokenValue() : null;
	}

	/**
	 * The kind the authorization server asks for.
	 * @param type the value of an {@code OAuth2TokenType}
	 * @return the kind, or {@code null} for a type this store does not know
	 */
	static TokenKind ofType(String type) {
		for (TokenKind kind : values()) {
			if (kind.type.equals(type)) {
				return kind;
			}
		}
		return null;
	}

}
