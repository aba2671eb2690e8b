package dev.cqlmigrations.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.NodeUnavailableException;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.loadbalancing.NodeDistance;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs migration statements the way schema changes must run: all through one coordinator, and
 * after each schema change, only once every node agrees on the new schema. Unqualified names
 * resolve to the migrations keyspace, or to the keyspace of a {@code USE} earlier in the script.
 */
final class StatementRunner {

	private static final Logger logger = LoggerFactory.getLogger(StatementRunner.class);

	private static final Pattern SCHEMA_CHANGE = Pattern.compile("(?is)^(CREATE|ALTER|DROP)\\b.*");

	private static final Pattern USE = Pattern.compile("(?is)^USE\\s+(\"(?:[^\"]|\"\")+\"|\\w+)\\s*$");

	private final CqlSession session;

	private final SchemaAgreement agreement;

	private final String defaultKeyspace;

	private @Nullable Node coordinator;

	private @Nullable String currentKeyspace;

	private Duration agreementTime = Duration.ZERO;

	StatementRunner(CqlSession session, SchemaAgreement agreement, String defaultKeyspace) {
		this.session = session;
		this.agreement = agreement;
		this.defaultKeyspace = defaultKeyspace;
		this.coordinator = pickCoordinator(session, null);
	}

	private static @Nullable Node pickCoordinator(CqlSession session, @Nullable Node excluded) {
		List<Node> candidates = session.getMetadata()
			.getNodes()
			.values()
			.stream()
			.filter((node) -> node.getState() == NodeState.UP && node != excluded && node.getOpenConnections() > 0)
			.toList();
		// The session also connects to remote datacenters (for agreement): DDL stays in the local one if it can.
		return candidates.stream()
			.filter((node) -> node.getDistance() == NodeDistance.LOCAL)
			.findFirst()
			.orElse(candidates.isEmpty() ? null : candidates.get(0));
	}

	private SimpleStatement pinned(String cql) {
		SimpleStatement statement = SimpleStatement.newInstance(cql);
		return (this.coordinator != null) ? statement.setNode(this.coordinator) : statement;
	}

	static boolean neverSent(AllNodesFailedException ex) {
		return !ex.getAllErrors().isEmpty() && ex.getAllErrors()
			.values()
			.stream()
			.flatMap(List::stream)
			.allMatch((error) -> error instanceof NodeUnavailableException);
	}

	/**
	 * Whether a statement that failed this way may have taken effect anyway: the client gave up
	 * waiting, or the connection was lost after the statement was sent.
	 * @param ex the error
	 * @return {@code true} when the outcome is unknown
	 */
	static boolean outcomeUnknown(Throwable ex) {
		if (ex instanceof DriverTimeoutException || ex instanceof ClosedConnectionException
				|| ex instanceof HeartbeatException) {
			return true;
		}
		if (ex instanceof AllNodesFailedException failed) {
			return !neverSent(failed) && failed.getAllErrors()
				.values()
				.stream()
				.flatMap(List::stream)
				.anyMatch(StatementRunner::outcomeUnknown);
		}
		return false;
	}

	/**
	 * The keyspace unqualified names resolve to now.
	 * @return the keyspace
	 */
	String currentKeyspace() {
		return (this.currentKeyspace != null) ? this.currentKeyspace : this.defaultKeyspace;
	}

	/**
	 * Makes unqualified names of the next script resolve to the migrations keyspace.
	 */
	void resetKeyspace() {
		use(this.defaultKeyspace);
	}

	/**
	 * Runs one statement and, for a schema change, waits for agreement.
	 * @param cql the statement
	 */
	void run(String cql) {
		Matcher use = USE.matcher(cql.trim());
		if (use.matches()) {
			use(use.group(1));
			return;
		}
		try {
			this.session.execute(pinned(cql));
		}
		catch (AllNodesFailedException ex) {
			if (this.coordinator == null || !neverSent(ex)) {
				throw ex;
			}
			// The coordinator had no open connection, so the statement never left: move to another node.
			Node unavailable = this.coordinator;
			this.coordinator = pickCoordinator(this.session, unavailable);
			logger.warn("Coordinator {} is unavailable; running migrations through {} from now on",
					unavailable.getEndPoint(), (this.coordinator != null) ? this.coordinator.getEndPoint() : "any node");
			this.session.execute(pinned(cql));
		}
		if (isSchemaChange(cql)) {
			awaitAgreement();
		}
	}

	/**
	 * Runs independent schema changes at once through the coordinator, then waits for agreement
	 * once: one agreement round instead of one per statement.
	 * @param statements schema changes that do not depend on each other
	 */
	void runTogether(List<String> statements) {
		List<CompletableFuture<AsyncResultSet>> sent = statements.stream()
			.map((cql) -> this.session.executeAsync(pinned(cql)).toCompletableFuture())
			.toList();
		for (CompletableFuture<AsyncResultSet> result : sent) {
			try {
				result.join();
			}
			catch (CompletionException ex) {
				// Wait for the others too: none may still be running when the caller reacts to the failure.
				sent.forEach((other) -> other.handle((rs, error) -> null).join());
				throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
			}
		}
		awaitAgreement();
	}

	/**
	 * Waits until the cluster agrees on the schema, e.g. after a Java migration.
	 */
	void awaitAgreement() {
		if (this.session.getMetadata().getNodes().size() == 1) {
			// A one-node cluster agrees with itself once the statement has returned: no poll needed.
			return;
		}
		this.agreementTime = this.agreementTime.plus(this.agreement.await());
	}

	/**
	 * Replays a {@code USE} of statements skipped on resume, so names resolve as they did.
	 * @param cql a statement that was already executed
	 */
	void replayIfUse(String cql) {
		Matcher use = USE.matcher(cql.trim());
		if (use.matches()) {
			use(use.group(1));
		}
	}

	static boolean isUse(String cql) {
		return USE.matcher(cql.trim()).matches();
	}

	static boolean isSchemaChange(String cql) {
		return SCHEMA_CHANGE.matcher(cql.trim()).matches();
	}

	private void use(String keyspace) {
		if (keyspace.equals(this.currentKeyspace)) {
			return;
		}
		this.session.execute(SimpleStatement.newInstance("USE " + keyspace));
		this.currentKeyspace = keyspace;
	}

	/**
	 * Total time spent waiting for schema agreement.
	 * @return the time
	 */
	Duration agreementTime() {
		return this.agreementTime;
	}


}
