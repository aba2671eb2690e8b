package dev.cqlmigrations.core;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;

/**
 * Runs migration statements the way schema changes must run: all through one coordinator, and
 * after each schema change, only once every node agrees on the new schema. Unqualified names
 * resolve to the migrations keyspace, or to the keyspace of a {@code USE} earlier in the script.
 */
final class StatementRunner {

	private static final Pattern SCHEMA_CHANGE = Pattern.compile("(?is)^(CREATE|ALTER|DROP)\\b.*");

	private static final Pattern USE = Pattern.compile("(?is)^USE\\s+(\"(?:[^\"]|\"\")+\"|\\w+)\\s*$");

	private final CqlSession session;

	private final SchemaAgreement agreement;

	private final String defaultKeyspace;

	private final Node coordinator;

	private String currentKeyspace;

	private Duration agreementTime = Duration.ZERO;

	StatementRunner(CqlSession session, SchemaAgreement agreement, String defaultKeyspace) {
		this.session = session;
		this.agreement = agreement;
		this.defaultKeyspace = defaultKeyspace;
		this.coordinator = pickCoordinator(session);
	}

	private static Node pickCoordinator(CqlSession session) {
		return session.getMetadata()
			.getNodes()
			.values()
			.stream()
			.filter((node) -> node.getState() == NodeState.UP)
			.findFirst()
			.orElse(null);
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
		SimpleStatement statement = SimpleStatement.newInstance(cql);
		if (this.coordinator != null) {
			statement = statement.setNode(this.coordinator);
		}
		this.session.execute(statement);
		if (isSchemaChange(cql)) {
			awaitAgreement();
		}
	}

	/**
	 * Waits until the cluster agrees on the schema, e.g. after a Java migration.
	 */
	void awaitAgreement() {
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
