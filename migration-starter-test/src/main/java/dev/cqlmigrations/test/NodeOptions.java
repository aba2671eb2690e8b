package dev.cqlmigrations.test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How a forked test node is configured. Start from {@link #defaults()} and change what a test
 * needs; every {@code with...} method returns a copy.
 *
 * @param address loopback address the node listens on (storage and CQL)
 * @param nativePort CQL port, {@code 0} for a free one
 * @param storagePort inter-node port, {@code 0} for a free one
 * @param heap maximum heap, as for {@code -Xmx}
 * @param authentication whether the node requires a login ({@code cassandra}/{@code cassandra})
 *        and checks permissions, so that roles can be tested
 * @param clusterName the cluster name, equal on all nodes of one cluster
 * @param seeds seed addresses ({@code host:storagePort}), empty for a single node seeding itself
 * @param initialToken token of a node of a multi-node ring, {@code null} for a single node
 * @param jmxPort local JMX port for nodetool, {@code 0} for none
 * @param directory where the node writes everything, {@code null} for a temporary directory
 * @param startTimeout how long to wait for CQL to answer
 * @param datacenter the node's datacenter (GossipingPropertyFileSnitch), {@code null} for the
 *        SimpleSnitch's {@code datacenter1}
 */
public record NodeOptions(String address, int nativePort, int storagePort, String heap, boolean authentication,
		String clusterName, List<String> seeds, String initialToken, int jmxPort, Path directory,
		Duration startTimeout, String datacenter) {

	/** User name and password of the superuser of an authenticating test node. */
	public static final String SUPERUSER = "cassandra";

	/**
	 * Options for a single fast node on 127.0.0.1 with free ports and authentication enabled.
	 * @return the default options
	 */
	public static NodeOptions defaults() {
		return new NodeOptions("127.0.0.1", 0, 0, "1g", true, "cqlmigrations-test", List.of(), null, 0, null,
				Duration.ofSeconds(120), null);
	}

	/**
	 * Copy with another listen address.
	 * @param address the loopback address
	 * @return the changed options
	 */
	public NodeOptions withAddress(String address) {
		return new NodeOptions(address, this.nativePort, this.storagePort, this.heap, this.authentication,
				this.clusterName, this.seeds, this.initialToken, this.jmxPort, this.directory, this.startTimeout,
				this.datacenter);
	}

	/**
	 * Copy with fixed ports.
	 * @param nativePort the CQL port
	 * @param storagePort the inter-node port
	 * @return the changed options
	 */
	public NodeOptions withPorts(int nativePort, int storagePort) {
		return new NodeOptions(this.address, nativePort, storagePort, this.heap, this.authentication,
				this.clusterName, this.seeds, this.initialToken, this.jmxPort, this.directory, this.startTimeout,
				this.datacenter);
	}

	/**
	 * Copy with or without authentication.
	 * @param authentication whether logins and permissions are checked
	 * @return the changed options
	 */
	public NodeOptions withAuthentication(boolean authentication) {
		return new NodeOptions(this.address, this.nativePort, this.storagePort, this.heap, authentication,
				this.clusterName, this.seeds, this.initialToken, this.jmxPort, this.directory, this.startTimeout,
				this.datacenter);
	}

	/**
	 * Copy that joins a ring.
	 * @param seeds the seed addresses, {@code host:port}
	 * @param initialToken this node's token
	 * @param jmxPort this node's JMX port, distinct per node
	 * @return the changed options
	 */
	public NodeOptions withRing(List<String> seeds, String initialToken, int jmxPort) {
		return new NodeOptions(this.address, this.nativePort, this.storagePort, this.heap, this.authentication,
				this.clusterName, List.copyOf(seeds), initialToken, jmxPort, this.directory, this.startTimeout,
				this.datacenter);
	}

	/**
	 * Copy with a fixed data directory (kept on close), for restarts.
	 * @param directory the directory
	 * @return the changed options
	 */
	public NodeOptions withDirectory(Path directory) {
		return new NodeOptions(this.address, this.nativePort, this.storagePort, this.heap, this.authentication,
				this.clusterName, this.seeds, this.initialToken, this.jmxPort, directory, this.startTimeout,
				this.datacenter);
	}

	/**
	 * Copy with another heap size.
	 * @param heap the maximum heap, e.g. {@code 256m}
	 * @return the changed options
	 */
	public NodeOptions withHeap(String heap) {
		return new NodeOptions(this.address, this.nativePort, this.storagePort, heap, this.authentication,
				this.clusterName, this.seeds, this.initialToken, this.jmxPort, this.directory, this.startTimeout,
				this.datacenter);
	}

	/**
	 * Copy in a datacenter of its own choice, with GossipingPropertyFileSnitch.
	 * @param datacenter the datacenter name, e.g. {@code dc2}
	 * @return the changed options
	 */
	public NodeOptions withDatacenter(String datacenter) {
		return new NodeOptions(this.address, this.nativePort, this.storagePort, this.heap, this.authentication,
				this.clusterName, this.seeds, this.initialToken, this.jmxPort, this.directory, this.startTimeout,
				datacenter);
	}

}
