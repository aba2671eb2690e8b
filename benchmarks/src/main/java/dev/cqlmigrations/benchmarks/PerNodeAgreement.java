package dev.cqlmigrations.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;

/**
 * The baseline's schema agreement, written without the engine: ask every UP node for its
 * {@code system.local.schema_version} (one request per node, in parallel, pinned with
 * {@code setNode}) until all answers are equal.
 */
final class PerNodeAgreement {

	private static final SimpleStatement SCHEMA_VERSION = SimpleStatement
		.newInstance("SELECT schema_version FROM system.local")
		.setIdempotent(true);

	private PerNodeAgreement() {
	}

	static Node firstUpNode(CqlSession session) {
		return session.getMetadata()
			.getNodes()
			.values()
			.stream()
			.filter((node) -> node.getState() == NodeState.UP)
			.findFirst()
			.orElseThrow();
	}

	static void await(CqlSession session, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		long pause = 5;
		while (true) {
			List<CompletionStage<AsyncResultSet>> answers = new ArrayList<>();
			for (Node node : session.getMetadata().getNodes().values()) {
				if (node.getState() == NodeState.UP) {
					answers.add(session.executeAsync(SCHEMA_VERSION.setNode(node)));
				}
			}
			Set<UUID> versions = new HashSet<>();
			for (CompletionStage<AsyncResultSet> answer : answers) {
				Row row = answer.toCompletableFuture().join().one();
				versions.add((row != null) ? row.getUuid(0) : null);
			}
			if (versions.size() <= 1) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("No schema agreement within " + timeout + ": " + versions);
			}
			try {
				Thread.sleep(pause);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			pause = Math.min(pause * 2, 200);
		}
	}

}
