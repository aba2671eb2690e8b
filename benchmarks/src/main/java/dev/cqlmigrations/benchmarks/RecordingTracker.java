package dev.cqlmigrations.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.session.Request;
import com.datastax.oss.driver.api.core.tracker.RequestTracker;

/**
 * Records every CQL request a session completes (query text and latency), to count round trips.
 * The driver reports a request only just after completing it, so readers wait briefly first.
 * PREPARE messages and the control connection's own queries are not requests to the tracker.
 */
final class RecordingTracker implements RequestTracker {

	/**
	 * One completed request.
	 * @param cql the query text
	 * @param latencyNanos as measured by the driver
	 * @param failed whether it ended in an error
	 * @param reportedAtNanos {@code System.nanoTime()} when the driver reported it, just after it
	 * completed; {@code reportedAtNanos - latencyNanos} is about when it started
	 */
	record Recorded(String cql, long latencyNanos, boolean failed, long reportedAtNanos) {

		long startNanos() {
			return this.reportedAtNanos - this.latencyNanos;
		}

	}

	private final List<Recorded> requests = new ArrayList<>();

	@Override
	public void onSuccess(Request request, long latencyNanos, DriverExecutionProfile profile, Node node,
			String requestLogPrefix) {
		add(new Recorded(text(request), latencyNanos, false, System.nanoTime()));
	}

	@Override
	public void onError(Request request, Throwable error, long latencyNanos, DriverExecutionProfile profile,
			Node node, String requestLogPrefix) {
		add(new Recorded(text(request), latencyNanos, true, System.nanoTime()));
	}

	private synchronized void add(Recorded recorded) {
		this.requests.add(recorded);
	}

	synchronized void clear() {
		this.requests.clear();
	}

	/**
	 * The requests recorded so far, after a pause that lets the driver report the last ones.
	 * @return the requests in completion order
	 */
	List<Recorded> settledRequests() {
		try {
			Thread.sleep(300);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		synchronized (this) {
			return new ArrayList<>(this.requests);
		}
	}

	static String text(Request request) {
		if (request instanceof SimpleStatement simple) {
			return simple.getQuery();
		}
		if (request instanceof BoundStatement bound) {
			return bound.getPreparedStatement().getQuery();
		}
		if (request instanceof BatchStatement batch) {
			StringBuilder text = new StringBuilder("BATCH");
			batch.forEach((statement) -> text.append(' ').append(text(statement)).append(';'));
			return text.toString();
		}
		return request.getClass().getSimpleName();
	}

	/** Whether a query changes the schema or takes, renews or releases the lock. */
	static boolean isDdlOrLock(String cql) {
		String upper = cql.strip().toUpperCase(Locale.ROOT);
		return upper.startsWith("CREATE") || upper.startsWith("ALTER") || upper.startsWith("DROP")
				|| upper.startsWith("USE") || upper.contains(" IF NOT EXISTS") || upper.contains(" IF OWNER");
	}

	@Override
	public void close() {
	}

}
