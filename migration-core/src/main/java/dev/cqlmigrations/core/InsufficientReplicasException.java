package dev.cqlmigrations.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import com.datastax.oss.driver.api.core.servererrors.CoordinatorException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * Too few replicas of the history or the lock are alive for the configured consistency level,
 * typically because a node or a whole datacenter is down. When the history read or the lock
 * refuses, no migration ran; the message names the nodes that are down.
 */
public class InsufficientReplicasException extends MigrationException {

	/**
	 * Creates a new instance.
	 * @param message what was refused, which nodes are down and what to do
	 * @param cause the driver's error
	 */
	public InsufficientReplicasException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Turns the driver's "not enough replicas" error into an operator's message, if it is one.
	 * @param session the session, for the nodes it sees down
	 * @param ex what the driver threw
	 * @param doing what the engine was doing, e.g. "read the migration history ks.migration_history"
	 * @param changedNothing whether no migration ran and the history is unchanged
	 * @return the exception, or {@code null} when {@code ex} is not about missing replicas
	 */
	static @Nullable InsufficientReplicasException from(CqlSession session, Throwable ex, String doing,
			boolean changedNothing) {
		CoordinatorException shortage = findShortage(ex);
		if (shortage == null) {
			return null;
		}
		String message = "Cannot " + doing + ": not enough replicas for " + counts(shortage) + ". " + downNodes(session)
				+ ". Migrations need a quorum of the replicas of all datacenters, so that two "
				+ "datacenters that cannot see each other never both migrate; "
				+ (changedNothing ? "no migration ran and the history is unchanged. "
						: "the run stopped here and resumes on the next run. ")
				+ "Bring the nodes back (nodetool status) and run the migration again. Setting "
				+ "migrations.consistency.* to LOCAL_* levels would migrate with one datacenter alone, at the risk "
				+ "that each datacenter applies the migrations on its own (see docs/reliability.md).";
		return new InsufficientReplicasException(message, ex);
	}

	/**
	 * The coordinator's "too few replicas" answer in a driver error: alive replicas below the
	 * consistency level, or a non-serial read that too few replicas answered in time (nothing
	 * changed by either). A write timeout is not one: the write may have been applied.
	 */
	static @Nullable CoordinatorException findShortage(Throwable ex) {
		List<Throwable> seen = new ArrayList<>();
		for (Throwable current = ex; current != null && !seen.contains(current); current = current.getCause()) {
			seen.add(current);
			if (isShortage(current)) {
				return (CoordinatorException) current;
			}
			if (current instanceof AllNodesFailedException allFailed) {
				for (List<Throwable> errors : allFailed.getAllErrors().values()) {
					for (Throwable error : errors) {
						if (isShortage(error)) {
							return (CoordinatorException) error;
						}
					}
				}
			}
		}
		return null;
	}

	private static String counts(CoordinatorException shortage) {
		if (shortage instanceof UnavailableException unavailable) {
			return unavailable.getConsistencyLevel() + " (" + unavailable.getAlive() + " of "
					+ unavailable.getRequired() + " required alive)";
		}
		ReadTimeoutException timeout = (ReadTimeoutException) shortage;
		return timeout.getConsistencyLevel() + " (" + timeout.getReceived() + " of " + timeout.getBlockFor()
				+ " required answered in time)";
	}

	private static boolean isShortage(Throwable ex) {
		// A SERIAL read that times out is usually Paxos contention between racing instances, not a
		// replica shortage (seen with 4+4 racers in two datacenters, every node up).
		return ex instanceof UnavailableException
				|| (ex instanceof ReadTimeoutException timeout && timeout.getReceived() < timeout.getBlockFor()
						&& !timeout.getConsistencyLevel().isSerial());
	}

	private static String downNodes(CqlSession session) {
		Map<String, List<String>> byDatacenter = new TreeMap<>();
		for (Node node : session.getMetadata().getNodes().values()) {
			if (node.getState() == NodeState.DOWN || node.getState() == NodeState.FORCED_DOWN) {
				byDatacenter.computeIfAbsent(String.valueOf(node.getDatacenter()), (dc) -> new ArrayList<>())
					.add(String.valueOf(node.getEndPoint()));
			}
		}
		if (byDatacenter.isEmpty()) {
			return "The driver sees no node down: a replica may be unreachable from the coordinator, or the "
					+ "keyspace's replication factor is higher than the number of nodes";
		}
		return "Down: " + byDatacenter.entrySet()
			.stream()
			.map((entry) -> "datacenter " + entry.getKey() + ": " + String.join(", ", entry.getValue()))
			.collect(Collectors.joining("; "));
	}

}
