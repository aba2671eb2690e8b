package dev.cqlmigrations.core;

import java.time.Instant;
import java.util.List;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.CASWriteUnknownException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock table and the lightweight transactions on its one row: insert if absent, renew and
 * delete by the owner only, and the serial read that settles a write whose outcome is unknown.
 * {@link MigrationLock} decides when to call them.
 */
final class LockTable {

	// Operators (and the command line) follow the lock through MigrationLock's logger.
	private static final Logger logger = LoggerFactory.getLogger(MigrationLock.class);

	static final String LOCK_NAME = "migrations";

	private static final String UNKNOWN_OWNER = "unknown (lightweight transactions contended, retrying)";

	private final CqlSession session;

	private final MigrationSettings settings;

	private final String table;

	LockTable(CqlSession session, MigrationSettings settings) {
		this.session = session;
		this.settings = settings;
		this.table = settings.keyspace() + "." + settings.lockTable();
	}

	/** @return the table's qualified name */
	String name() {
		return this.table;
	}

	String createTableCql() {
		return "CREATE TABLE IF NOT EXISTS " + this.table
				+ " (name text PRIMARY KEY, owner text, holder text, acquired_at timestamp) WITH id = "
				+ HistoryTable.stableId(this.table);
	}

	/**
	 * Inserts the lock row unless another owner has it.
	 * @param owner this run's owner id
	 * @param holder this run's description, shown to waiters
	 * @return {@code null} when we got the lock, otherwise the current holder
	 */
	@Nullable String tryInsert(String owner, String holder) {
		SimpleStatement insert = SimpleStatement
			.newInstance("INSERT INTO " + this.table + " (name, owner, holder, acquired_at) VALUES (?, ?, ?, ?) "
					+ "IF NOT EXISTS USING TTL " + ttlSeconds(), LOCK_NAME, owner, holder, Instant.now())
			.setConsistencyLevel(this.settings.writeConsistency())
			.setSerialConsistencyLevel(this.settings.serialConsistency());
		try {
			ResultSet result = this.session.execute(insert);
			if (result.wasApplied()) {
				return null;
			}
			Row row = result.one();
			String current = (row != null) ? row.getString("holder") : null;
			if (owner.equals((row != null) ? row.getString("owner") : null)) {
				return null;
			}
			return (current != null) ? current : "unknown holder";
		}
		catch (WriteTimeoutException | CASWriteUnknownException ex) {
			return ownerAfterAmbiguousWrite(owner);
		}
		catch (DriverException ex) {
			if (isAmbiguous(ex)) {
				return ownerAfterAmbiguousWrite(owner);
			}
			if (HistoryTable.isTableBeingCreated(ex)) {
				return "nobody yet (the lock table is being created)";
			}
			if (ex instanceof InvalidQueryException invalid && HistoryTable.isMissingTable(invalid)) {
				recreateTable(invalid);
				return "nobody yet (the lock table was missing and has been created again)";
			}
			InsufficientReplicasException replicas = InsufficientReplicasException.from(this.session, ex,
					"take the migration lock in " + this.table + " at " + this.settings.serialConsistency(), true);
			if (replicas != null) {
				throw replicas;
			}
			throw new MigrationLockException("Cannot take the migration lock in " + this.table + " at "
					+ this.settings.serialConsistency() + ": " + ex.getMessage() + ". Lightweight transactions need a "
					+ "quorum of replicas: check that enough nodes are up (nodetool status).", null);
		}
	}

	// Someone dropped the lock table (the history is still there, so bootstrap did not run): create it again.
	private void recreateTable(InvalidQueryException missing) {
		logger.warn("The migration lock table {} does not exist ({}); creating it again", this.table,
				missing.getMessage());
		try {
			this.session.execute(SimpleStatement.newInstance(createTableCql()));
			new SchemaAgreement(this.session, this.settings.schemaAgreementTimeout()).await();
		}
		catch (DriverException ex) {
			throw new MigrationLockException("The migration lock table " + this.table + " does not exist and could "
					+ "not be created: " + ex.getMessage() + ". Run '" + createTableCql() + "' with a role allowed to, "
					+ "then run again. Nothing was changed.", null);
		}
	}

	// One attempt of several (the driver retries on another node) may have reached Paxos and timed out.
	static boolean isAmbiguous(DriverException ex) {
		return (ex instanceof AllNodesFailedException allFailed) && allFailed.getAllErrors()
			.values()
			.stream()
			.flatMap(List::stream)
			.anyMatch((error) -> error instanceof WriteTimeoutException || error instanceof CASWriteUnknownException);
	}

	private @Nullable String ownerAfterAmbiguousWrite(String owner) {
		// The Paxos round may or may not have been committed (a timeout, or a proposal that lost a race
		// for a quorum, as seen across two datacenters): the serial read tells.
		Row row;
		try {
			row = readAtSerial();
		}
		catch (DriverException ex) {
			// Contended too (a timeout, or "CAS operation result is unknown" for the read's own Paxos
			// round): still unknown. The next attempt finds out, as an insert that finds our own owner
			// counts as taken; a cluster that really lacks replicas fails that attempt clearly.
			return UNKNOWN_OWNER;
		}
		if (row != null && owner.equals(row.getString("owner"))) {
			return null;
		}
		return (row != null) ? row.getString("holder") : "nobody (retrying)";
	}

	/**
	 * Reads the lock row at the serial consistency, so that an uncommitted Paxos round is finished first.
	 * @return the row, {@code null} when nobody holds the lock
	 */
	@Nullable Row readAtSerial() {
		SimpleStatement select = SimpleStatement
			.newInstance("SELECT owner, holder FROM " + this.table + " WHERE name = ?", LOCK_NAME)
			.setConsistencyLevel(this.settings.serialConsistency())
			.setIdempotent(true);
		try {
			return this.session.execute(select).one();
		}
		catch (DriverException ex) {
			InsufficientReplicasException replicas = InsufficientReplicasException.from(this.session, ex,
					"read the migration lock in " + this.table + " at " + this.settings.serialConsistency(), true);
			if (replicas != null) {
				throw replicas;
			}
			throw ex;
		}
	}

	/**
	 * Extends the lease of its owner.
	 * @param owner the owner id
	 * @param holder the owner's description
	 * @return whether the owner still held the lock
	 * @throws MigrationLockException when the outcome is unknown
	 */
	boolean renew(String owner, String holder) {
		SimpleStatement update = SimpleStatement
			.newInstance("UPDATE " + this.table + " USING TTL " + ttlSeconds()
					+ " SET owner = ?, holder = ?, acquired_at = ? WHERE name = ? IF owner = ?", owner, holder,
					Instant.now(), LOCK_NAME, owner)
			.setConsistencyLevel(this.settings.writeConsistency())
			.setSerialConsistencyLevel(this.settings.serialConsistency());
		try {
			return this.session.execute(update).wasApplied();
		}
		catch (WriteTimeoutException | CASWriteUnknownException ex) {
			String current = ownerAfterAmbiguousWrite(owner);
			if (UNKNOWN_OWNER.equals(current)) {
				// Not known to be lost: the heartbeat warns and tries again while the lease lasts.
				throw new MigrationLockException("The outcome of renewing the migration lock is unknown", null);
			}
			return current == null;
		}
	}

	/**
	 * Deletes the lock row if the owner still has it; a failure is only logged, as the lease expires.
	 * @param owner the owner id
	 */
	void release(String owner) {
		SimpleStatement delete = SimpleStatement
			.newInstance("DELETE FROM " + this.table + " WHERE name = ? IF owner = ?", LOCK_NAME, owner)
			.setConsistencyLevel(this.settings.writeConsistency())
			.setSerialConsistencyLevel(this.settings.serialConsistency());
		try {
			this.session.execute(delete);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not release the migration lock in {} ({}); it expires within {} s", this.table,
					ex.toString(), this.settings.lockTtl().toSeconds());
		}
	}

	private int ttlSeconds() {
		return (int) Math.max(1, this.settings.lockTtl().toSeconds());
	}

}
