package dev.cqlmigrations.test;

import java.net.InetSocketAddress;

/**
 * A node's address and credentials with no node behind them, for tests of how they are handed on
 * (properties, contact points) where nothing connects.
 *
 * @param contactPoint the CQL address
 * @param localDatacenter the datacenter
 * @param username the user name, or {@code null} for a node without authentication
 * @param password the password, or {@code null} for a node without authentication
 */
public record FixedCassandraNode(InetSocketAddress contactPoint, String localDatacenter, String username,
		String password) implements CassandraNode {

	/**
	 * An unstarted node at 127.0.0.1:19042 in {@code datacenter1}.
	 * @param username the user name, or {@code null}
	 * @param password the password, or {@code null}
	 * @return the node
	 */
	public static FixedCassandraNode localhost(String username, String password) {
		return new FixedCassandraNode(InetSocketAddress.createUnresolved("127.0.0.1", 19042), "datacenter1", username,
				password);
	}

	@Override
	public void close() {
		// nothing runs
	}

}
