package dev.cqlmigrations.sample.oauth;

import java.nio.ByteBuffer;

/**
 * Primary key of a row of the {@code authorizations_by_token} table.
 *
 * @param kind what the hashed value is (code, access token...)
 * @param hash SHA-256 of the value
 */
record TokenLookupKey(TokenKind kind, ByteBuffer hash) {

	static TokenLookupKey of(TokenKind kind, String value) {
		return new TokenLookupKey(kind, TokenHashes.sha256(value));
	}

}
