package dev.cqlmigrations.test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;

/**
 * What a session can tell about the schema and the nodes it is connected to, asked node by node
 * where it matters: schema versions, the tables each node knows, whether the driver has seen a node
 * go down; and, from the coordinator, whether a table exists and its columns. Shared by the tests
 * of schema agreement and node failures on a {@link CassandraCluster} and by tests that check what
 * a migration created.
 */
public final class ClusterProbe {

	private ClusterProbe() {
	}

	/**
	 * The schema versions of all nodes in the session's metadata, each node asked for its own.
	 * @param session a session to the ring
	 * @return the distinct versions; one when the nodes agree
	 */
	public static Set<UUID> schemaVersions(CqlSession session) {
		Set<UUID> versions = new HashSet<>();
		for (Node node : session.getMetadata().getNodes().values()) {
			versions.add(session.execute(SimpleStatement.newInstance("SELECT schema_version FROM system.local")
				.setNode(node)).one().getUuid(0));
		}
		return versions;
	}

	/**
	 * How many tables of a keyspace each node knows, each node asked for its own view, so that a
	 * table one node has not heard of shows.
	 * @param session a session to the ring
	 * @param keyspace the keyspace
	 * @return the number of tables by node end point
	 */
	public static Map<String, Long> tablesPerNode(CqlSession session, String keyspace) {
		Map<String, Long> tables = new LinkedHashMap<>();
		for (Node node : session.getMetadata().getNodes().values()) {
			tables.put(node.getEndPoint().toString(), session.execute(SimpleStatement
				.newInstance("SELECT count(*) FROM system_schema.tables WHERE keyspace_name = ?", keyspace)
				.setNode(node)).one().getLong(0));
		}
		return tables;
	}

	/**
	 * Whether the coordinator knows a table.
	 * @param session a session
	 * @param keyspace the table's keyspace
	 * @param table the table's name
	 * @return {@code true} when {@code system_schema.tables} lists it
	 */
	public static boolean tableExists(CqlSession session, String keyspace, String table) {
		return session.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ? AND "
				+ "table_name = ?", keyspace, table).one() != null;
	}

	/**
	 * The columns of a table as the coordinator knows them.
	 * @param session a session
	 * @param keyspace the table's keyspace
	 * @param table the table's name
	 * @return the column names, in no particular order; empty when the table does not exist
	 */
	public static List<String> columns(CqlSession session, String keyspace, String table) {
		return session
			.execute("SELECT column_name FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?",
					keyspace, table)
			.all()
			.stream()
			.map((row) -> row.getString(0))
			.toList();
	}

	/**
	 * Waits until the driver marks a node {@link NodeState#DOWN}, so that what a test does next
	 * meets a ring the driver knows to be short of that node (a node the session never connected
	 * to, e.g. in a remote datacenter, is DOWN only once gossip says so).
	 * @param session the session whose view counts
	 * @param node the node's CQL address, e.g. {@link CassandraCluster#node(int)}'s contact point
	 * @param timeout how long to wait
	 * @throws InterruptedException when interrupted while waiting
	 */
	public static void awaitDown(CqlSession session, InetSocketAddress node, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			boolean down = session.getMetadata()
				.getNodes()
				.values()
				.stream()
				.anyMatch((candidate) -> node.equals(candidate.getEndPoint().resolve())
						&& candidate.getState() == NodeState.DOWN);
			if (down) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("The driver did not see " + node + " down within " + timeout.toSeconds() + " s");
	}

}
