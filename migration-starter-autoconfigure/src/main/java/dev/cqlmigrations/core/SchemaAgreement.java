package dev.cqlmigrations.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until every UP node reports the same schema version, by asking each node for its own
 * {@code system.local.schema_version}. The driver's own agreement flag was seen to report
 * agreement while a node still lagged, so the engine does not rely on it.
 */
final class SchemaAgreement {

	private static final Logger logger = LoggerFactory.getLogger(SchemaAgreement.class);

	private static final SimpleStatement SCHEMA_VERSION = SimpleStatement
		.newInstance("SELECT schema_version FROM system.local")
		.setConsistencyLevel(DefaultConsistencyLevel.ONE)
		.setIdempotent(true);

	private final CqlSession session;

	private final Duration timeout;

	SchemaAgreement(CqlSession session, Duration timeout) {
		this.session = session;
		this.timeout = timeout;
	}

	/**
	 * Blocks until all UP nodes agree.
	 * @return how long it took
	 * @throws SchemaAgreementException when they do not agree within the timeout
	 */
	Duration await() {
		long start = System.nanoTime();
		long deadline = start + this.timeout.toNanos();
		long pause = 5;
		Map<Node, UUID> versions = Map.of();
		while (true) {
			versions = versionsOfUpNodes();
			if (Set.copyOf(versions.values()).size() <= 1) {
				return Duration.ofNanos(System.nanoTime() - start);
			}
			if (System.nanoTime() > deadline) {
				throw new SchemaAgreementException("Nodes did not agree on the schema within " + this.timeout.toMillis()
						+ " ms: " + describe(versions) + ". Check that all nodes are healthy (nodetool describecluster), "
						+ "then run the migration again; it resumes where it stopped. Raise "
						+ "migrations.schema-agreement-timeout for slow clusters.");
			}
			sleep(pause);
			pause = Math.min(pause * 2, 200);
		}
	}

	private Map<Node, UUID> versionsOfUpNodes() {
		List<Node> nodes = upNodes();
		List<CompletionStage<AsyncResultSet>> pending = new ArrayList<>();
		for (Node node : nodes) {
			pending.add(this.session.executeAsync(SCHEMA_VERSION.setNode(node)));
		}
		Map<Node, UUID> versions = new LinkedHashMap<>();
		for (int i = 0; i < nodes.size(); i++) {
			try {
				Row row = pending.get(i).toCompletableFuture().join().one();
				versions.put(nodes.get(i), (row != null) ? row.getUuid(0) : null);
			}
			catch (RuntimeException ex) {
				// A node that went down meanwhile is not part of the agreement; the next round sees its state.
				logger.debug("Cannot read the schema version of {}: {}", nodes.get(i).getEndPoint(), ex.toString());
			}
		}
		return versions;
	}

	private List<Node> upNodes() {
		List<Node> up = new ArrayList<>();
		List<Node> down = new ArrayList<>();
		for (Node node : this.session.getMetadata().getNodes().values()) {
			((node.getState() == NodeState.UP || node.getState() == NodeState.UNKNOWN) ? up : down).add(node);
		}
		if (!down.isEmpty() && logger.isDebugEnabled()) {
			logger.debug("Schema agreement ignores nodes that are not up: {}", down.stream()
				.map((node) -> node.getEndPoint() + " (" + node.getState() + ")")
				.collect(Collectors.joining(", ")));
		}
		return up;
	}

	private static String describe(Map<Node, UUID> versions) {
		return versions.entrySet()
			.stream()
			.map((entry) -> entry.getKey().getEndPoint() + " has " + entry.getValue())
			.collect(Collectors.joining(", "));
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SchemaAgreementException("Interrupted while waiting for schema agreement");
		}
	}

}
