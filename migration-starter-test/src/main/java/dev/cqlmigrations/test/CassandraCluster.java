package dev.cqlmigrations.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;

/**
 * A multi-node ring of forked nodes on loopback addresses 127.0.0.1, 127.0.0.2, ..., or two
 * datacenters on 127.0.0.21 and 127.0.0.22, for tests of schema agreement and node failures.
 * Nodes start one after the other with balanced tokens (no bootstrap), and can be killed and
 * restarted on the same data.
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
		List<String> addresses = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			addresses.add("127.0.0." + (i + 1));
		}
		return start("cqlmigrations-cluster-", addresses, null, List.of("127.0.0.1"));
	}

	/**
	 * Starts two datacenters of one node each, without authentication: {@code dc1} on 127.0.0.21
	 * and {@code dc2} on 127.0.0.22 (GossipingPropertyFileSnitch). Each node has a seed in each
	 * datacenter, so either can start while the other is down.
	 * @return the running cluster; node 0 is dc1, node 1 is dc2
	 */
	public static CassandraCluster startTwoDatacenters() {
		return start("cqlmigrations-2dc-", List.of("127.0.0.21", "127.0.0.22"), List.of("dc1", "dc2"),
				List.of("127.0.0.21", "127.0.0.22"));
	}

	private static CassandraCluster start(String prefix, List<String> addresses, List<String> datacenters,
			List<String> seedAddresses) {
		try {
			CassandraCluster cluster = new CassandraCluster(Files.createTempDirectory(prefix));
			int nativePort = freePort();
			int storagePort = freePort();
			for (int i = 0; i < addresses.size(); i++) {
				Path nodeDirectory = Files.createDirectories(cluster.directory.resolve("node" + (i + 1)));
				// A seed in each datacenter, its own first: a node whose only seed is down cannot start.
				List<String> seeds = new ArrayList<>();
				String own = addresses.get(i);
				seedAddresses.stream().filter(own::equals).forEach((seed) -> seeds.add(seed + ":" + storagePort));
				seedAddresses.stream()
					.filter((seed) -> !seed.equals(own))
					.forEach((seed) -> seeds.add(seed + ":" + storagePort));
				NodeOptions nodeOptions = NodeOptions.defaults()
					.withAddress(addresses.get(i))
					.withPorts(nativePort, storagePort)
					.withAuthentication(false)
					.withHeap("512m")
					.withRing(seeds, token(i, addresses.size()), freePort())
					.withDirectory(nodeDirectory);
				cluster.options
					.add((datacenters != null) ? nodeOptions.withDatacenter(datacenters.get(i)) : nodeOptions);
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
		return CqlSession.builder().addContactPoints(contactPoints()).withLocalDatacenter(datacenter(0));
	}

	/**
	 * A session builder that contacts one node and takes its datacenter as the local one, like a
	 * service running in that datacenter.
	 * @param index the node's index
	 * @return the builder
	 */
	public CqlSessionBuilder sessionBuilder(int index) {
		return CqlSession.builder().addContactPoint(this.nodes.get(index).contactPoint())
			.withLocalDatacenter(datacenter(index));
	}

	/**
	 * The datacenter of a node.
	 * @param index the node's index
	 * @return its datacenter name
	 */
	public String datacenter(int index) {
		String datacenter = this.options.get(index).datacenter();
		return (datacenter != null) ? datacenter : "datacenter1";
	}

	/**
	 * Whether a node's process runs (it may have been killed).
	 * @param index the node's index
	 * @return {@code true} while it runs
	 */
	public boolean isRunning(int index) {
		return this.nodes.get(index).isRunning();
	}

	/**
	 * Kills a node at once (like a crashed machine), keeping its data.
	 * @param index the node's index
	 */
	public void kill(int index) {
		this.nodes.get(index).close();
	}

	/**
	 * Stops a node gracefully (drain and flush), keeping its data, like a datacenter taken down.
	 * @param index the node's index
	 */
	public void stop(int index) {
		this.nodes.get(index).stop();
	}

	/**
	 * Starts a killed node again on its data.
	 * @param index the node's index
	 */
	public void restart(int index) {
		this.nodes.set(index, ForkedCassandraNode.start(this.options.get(index)));
	}

	/**
	 * Waits up to 20 s until a session's driver marks a node down, e.g. after {@link #kill} or
	 * {@link #stop}, so that the test goes on against a ring the driver knows to be short of it.
	 * @param session the session whose view counts
	 * @param index the node's index
	 * @throws InterruptedException when interrupted while waiting
	 */
	public void awaitDown(CqlSession session, int index) throws InterruptedException {
		ClusterProbe.awaitDown(session, this.nodes.get(index).contactPoint(), Duration.ofSeconds(20));
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
