package dev.cqlmigrations.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until every UP node of every datacenter reports the same schema version, by asking each
 * node for its own {@code system.local.schema_version}. The driver's own agreement flag was seen
 * to report agreement while a node still lagged, so the engine does not rely on it. A node that
 * is up but cannot be asked counts as not agreeing: a node that silently misses a table loses the
 * history writes sent to it. Nodes that are down are skipped with a warning; they pull the schema
 * when they come back.
 */
final class SchemaAgreement {

	private static final Logger logger = LoggerFactory.getLogger(SchemaAgreement.class);

	private static final SimpleStatement SCHEMA_VERSION = SimpleStatement
		.newInstance("SELECT schema_version FROM system.local")
		.setConsistencyLevel(DefaultConsistencyLevel.ONE)
		.setIdempotent(true);

	private static final Duration MAX_QUERY_TIMEOUT = Duration.ofSeconds(10);

	private final CqlSession session;

	private final Duration timeout;

	private final SimpleStatement query;

	private String warnedDown = "";

	SchemaAgreement(CqlSession session, Duration timeout) {
		this.session = session;
		this.timeout = timeout;
		// A hung node must not hold the wait beyond its timeout for the session's long request timeout.
		this.query = SCHEMA_VERSION.setTimeout((timeout.compareTo(MAX_QUERY_TIMEOUT) < 0) ? timeout
				: MAX_QUERY_TIMEOUT);
	}

	/**
	 * Blocks until all UP nodes agree.
	 * @return how long it took
	 * @throws SchemaAgreementException when they do not agree within the timeout, or an UP node
	 * cannot be asked
	 */
	Duration await() {
		long start = System.nanoTime();
		long deadline = start + this.timeout.toNanos();
		long pause = 5;
		while (true) {
			Map<Node, Answer> answers = askUpNodes();
			if (agree(answers)) {
				return Duration.ofNanos(System.nanoTime() - start);
			}
			if (System.nanoTime() > deadline) {
				boolean unreachable = answers.values().stream().anyMatch((answer) -> answer.failure() != null);
				throw new SchemaAgreementException("Nodes did not agree on the schema within " + this.timeout.toMillis()
						+ " ms: " + describe(answers) + ". "
						+ (unreachable ? "A node that is up but cannot be asked is not counted as agreeing: the "
								+ "migration session must reach every node of every datacenter (check the network "
								+ "between them, and advanced.load-balancing-policy.dc-failover."
								+ "max-nodes-per-remote-dc of a session you built yourself). " : "")
						+ "Check that all nodes are healthy (nodetool describecluster), then run the migration "
						+ "again; it resumes where it stopped. Raise migrations.schema-agreement-timeout for slow "
						+ "clusters.");
			}
			Pause.sleep(Duration.ofMillis(pause),
					() -> new SchemaAgreementException("Interrupted while waiting for schema agreement"));
			pause = Math.min(pause * 2, 200);
		}
	}

	private static boolean agree(Map<Node, Answer> answers) {
		if (answers.values().stream().anyMatch((answer) -> answer.failure() != null)) {
			return false;
		}
		return Set.copyOf(answers.values()).size() <= 1;
	}

	private Map<Node, Answer> askUpNodes() {
		List<Node> nodes = upNodes();
		List<CompletionStage<AsyncResultSet>> pending = new ArrayList<>();
		for (Node node : nodes) {
			pending.add(this.session.executeAsync(this.query.setNode(node)));
		}
		Map<Node, Answer> answers = new LinkedHashMap<>();
		for (int i = 0; i < nodes.size(); i++) {
			try {
				Row row = pending.get(i).toCompletableFuture().join().one();
				answers.put(nodes.get(i), new Answer((row != null) ? row.getUuid(0) : null, null));
			}
			catch (RuntimeException ex) {
				// Not agreeing, for now: a node that went down meanwhile is skipped by the next round.
				Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
				answers.put(nodes.get(i), new Answer(null, oneLine(String.valueOf(cause.getMessage()))));
			}
		}
		return answers;
	}

	private List<Node> upNodes() {
		List<Node> up = new ArrayList<>();
		List<Node> down = new ArrayList<>();
		for (Node node : this.session.getMetadata().getNodes().values()) {
			((node.getState() == NodeState.UP || node.getState() == NodeState.UNKNOWN) ? up : down).add(node);
		}
		String downText = down.stream()
			.map((node) -> name(node) + " " + node.getState())
			.sorted()
			.collect(Collectors.joining(", "));
		if (!down.isEmpty() && !downText.equals(this.warnedDown)) {
			logger.warn("Schema agreement skips nodes that are down: {}. They take the schema when they come back; "
					+ "writes at the configured consistency still need a quorum of replicas.", downText);
		}
		this.warnedDown = downText;
		return up;
	}

	private static String describe(Map<Node, Answer> answers) {
		return answers.entrySet()
			.stream()
			.map((entry) -> name(entry.getKey()) + ((entry.getValue().failure() != null)
					? " could not be asked (" + entry.getValue().failure() + ")"
					: " has " + entry.getValue().version()))
			.collect(Collectors.joining(", "));
	}

	static String name(Node node) {
		return node.getEndPoint() + " (" + node.getDatacenter() + ")";
	}

	private static String oneLine(String text) {
		String line = text.replaceAll("\\s+", " ").trim();
		return (line.length() > 200) ? line.substring(0, 200) + "..." : line;
	}


	/** One node's answer: its schema version, or why it could not be asked. */
	private record Answer(@Nullable UUID version, @Nullable String failure) {
	}

}
