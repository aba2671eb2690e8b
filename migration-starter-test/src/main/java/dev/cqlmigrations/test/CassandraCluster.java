package dev.cqlmigrations.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;

/**
 * A multi-node ring of forked nodes on loopback addresses 127.0.0.1, 127.0.0.2, ..., for tests of
 * schema agreement and node failures. Nodes start one after the other with balanced tokens (no
 * bootstrap), and can be killed and restarted on the same data.
 */
public final class CassandraCluster implements AutoCloseable {

	private final Path directory;

	private final List<NodeOptions> options = new ArrayList<>();

	private final List<ForkedCassandraNode> nodes = new ArrayList<>();

	private CassandraCluster(Path directory) {
		this.directory = directory;
	}

	/**
	 * Starts a ring of {@code size} nodes without authentication.
	 * @param size number of nodes (at most 9)
	 * @return the running cluster
	 */
	public static CassandraCluster start(int size) {
		try {
			CassandraCluster cluster = new CassandraCluster(Files.createTempDirectory("cqlmigrations-cluster-"));
			int nativePort = freePort();
			int storagePort = freePort();
			List<String> seeds = List.of("127.0.0.1:" + storagePort);
			for (int i = 0; i < size; i++) {
				Path nodeDirectory = Files.createDirectories(cluster.directory.resolve("node" + (i + 1)));
				cluster.options.add(NodeOptions.defaults()
					.withAddress("127.0.0." + (i + 1))
					.withPorts(nativePort, storagePort)
					.withAuthentication(false)
					.withHeap("512m")
					.withRing(seeds, token(i, size), freePort())
					.withDirectory(nodeDirectory));
			}
			try {
				for (NodeOptions nodeOptions : cluster.options) {
					cluster.nodes.add(ForkedCassandraNode.start(nodeOptions));
				}
			}
			catch (RuntimeException ex) {
				cluster.close();
				throw ex;
			}
			return cluster;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String token(int index, int size) {
		// Murmur3 tokens spread evenly over the ring
		java.math.BigInteger range = java.math.BigInteger.valueOf(2).pow(64);
		java.math.BigInteger step = range.divide(java.math.BigInteger.valueOf(size));
		return java.math.BigInteger.valueOf(Long.MIN_VALUE).add(step.multiply(java.math.BigInteger.valueOf(index)))
			.toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * The node with the given 0-based index.
	 * @param index the index
	 * @return the node
	 */
	public ForkedCassandraNode node(int index) {
		return this.nodes.get(index);
	}

	/**
	 * The CQL addresses of all nodes.
	 * @return the contact points
	 */
	public List<InetSocketAddress> contactPoints() {
		return this.nodes.stream().map(ForkedCassandraNode::contactPoint).toList();
	}

	/**
	 * A session builder with all nodes as contact points.
	 * @return the builder
	 */
	public CqlSessionBuilder sessionBuilder() {
		return CqlSession.builder().addContactPoints(contactPoints()).withLocalDatacenter("datacenter1");
	}

	/**
	 * Kills a node at once (like a crashed machine), keeping its data.
	 * @param index the node's index
	 */
	public void kill(int index) {
		this.nodes.get(index).close();
	}

	/**
	 * Starts a killed node again on its data.
	 * @param index the node's index
	 */
	public void restart(int index) {
		this.nodes.set(index, ForkedCassandraNode.start(this.options.get(index)));
	}

	@Override
	public void close() {
		this.nodes.forEach(ForkedCassandraNode::close);
		try (Stream<Path> paths = Files.walk(this.directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// best effort for a temporary directory
		}
	}

}
