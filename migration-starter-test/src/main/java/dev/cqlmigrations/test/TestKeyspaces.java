package dev.cqlmigrations.test;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Unique keyspace names, so that tests sharing one node never see each other's tables. Dropping
 * keyspaces is slow server-side (seconds), so tests create fresh ones instead of cleaning up.
 */
public final class TestKeyspaces {

	private static final AtomicInteger counter = new AtomicInteger();

	private static final String run = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);

	private TestKeyspaces() {
	}

	/**
	 * A keyspace name not used before in this node's life, starting with a readable hint.
	 * @param hint a readable prefix, e.g. the test's purpose
	 * @return a valid, unquoted keyspace name of at most 48 characters
	 */
	public static String unique(String hint) {
		String prefix = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
		if (prefix.isEmpty() || !Character.isLetter(prefix.charAt(0))) {
			prefix = "ks_" + prefix;
		}
		String suffix = "_" + run + "_" + counter.incrementAndGet();
		if (prefix.length() + suffix.length() > 48) {
			prefix = prefix.substring(0, 48 - suffix.length());
		}
		return prefix + suffix;
	}

}
