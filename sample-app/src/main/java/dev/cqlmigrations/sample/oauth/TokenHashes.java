package dev.cqlmigrations.sample.oauth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of code and token values: the keys of the lookup table, so that a bearer token
 * never appears as a partition key (keys end up in logs, traces and nodetool output).
 */
public final class TokenHashes {

	private TokenHashes() {
	}

	/**
	 * Hashes a token value.
	 * @param value the code or token as presented by a client
	 * @return the 32-byte SHA-256 digest of its UTF-8 bytes
	 */
	public static ByteBuffer sha256(String value) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return ByteBuffer.wrap(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime provides SHA-256", ex);
		}
	}

}
