package dev.cqlmigrations.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
 * The cluster-wide migration lock: a lease taken with a lightweight transaction, kept alive by a
 * heartbeat, released by its owner only. A crashed owner's lease expires with its TTL.
 */
final class MigrationLock {

	private static final Logger logger = LoggerFactory.getLogger(MigrationLock.class);

	private static final String UNKNOWN_OWNER = "unknown (lightweight transactions contended, retrying)";

	static final String LOCK_NAME = "migrations";

	private final CqlSession session;

	private final MigrationSettings settings;

	private final String table;

	MigrationLock(CqlSession session, MigrationSettings settings) {
		this.session = session;
		this.settings = settings;
		this.table = settings.keyspace() + "." + settings.lockTable();
	}

	String createTableCql() {
		return "CREATE TABLE IF NOT EXISTS " + this.table
				+ " (name text PRIMARY KEY, owner text, holder text, acquired_at timestamp) WITH id = "
				+ HistoryTable.stableId(this.table);
	}

	/**
	 * Takes the lock, waiting with backoff while another instance holds it.
	 * @return the lease, to be closed in {@code finally}
	 * @throws MigrationLockException when the wait timeout passes
	 */
	Lease acquire() {
		return acquire(this.settings.lockWaitTimeout());
	}

	/**
	 * Takes the lock, waiting at most the given time; {@link Duration#ZERO} tries once and fails at
	 * once when another run holds it (for requests that must not queue up, like a rollback).
	 * @param waitTimeout how long to wait for the holder to finish
	 * @return the lease, to be closed in {@code finally}
	 * @throws MigrationLockException when the wait timeout passes
	 * @throws MigrationLockHeldException when another run holds the lock and no wait was allowed
	 */
	Lease acquire(Duration waitTimeout) {
		String owner = UUID.randomUUID().toString();
		String holder = this.settings.installedBy() + " [" + owner.substring(0, 8) + "]";
		long start = System.nanoTime();
		long deadline = start + waitTimeout.toNanos();
		long pause = 50;
		long nextLog = start;
		boolean waitLogged = false;
		while (true) {
			String current = tryInsert(owner, holder);
			if (current == null) {
				Duration waited = Duration.ofNanos(System.nanoTime() - start);
				return new Lease(owner, holder, waited);
			}
			long now = System.nanoTime();
			// "nobody ..." is an unresolved attempt, not a holder: worth a few more tries even without waiting.
			boolean noWait = waitTimeout.isZero();
			if (noWait && (!current.startsWith("nobody") || now - start > TimeUnit.SECONDS.toNanos(5))) {
				throw new MigrationLockHeldException("Another run holds the migration lock in " + this.table + ": "
						+ current + ". Nothing was changed. Try again when it has finished (the holder is shown by "
						+ "GET /actuator/migrations and 'migrate status'); a crashed holder's lease expires within "
						+ this.settings.lockTtl().toSeconds() + " s.", current);
			}
			if (!noWait && now > deadline) {
				throw new MigrationLockException("Timed out after " + this.settings.lockWaitTimeout().toSeconds()
						+ " s waiting for the migration lock in " + this.table + ", held by " + current + ". If that "
						+ "instance is still migrating, wait for it; if it died, its lease expires within "
						+ this.settings.lockTtl().toSeconds() + " s. Raise migrations.lock.wait-timeout to wait longer.",
						current);
			}
			// One line for the operator (the command line shows it), then one every 10 s with the time waited.
			if (!noWait && !waitLogged) {
				logger.info("Waiting for the migration lock held by {} (up to {} s, migrations.lock.wait-timeout)",
						current, waitTimeout.toSeconds());
				waitLogged = true;
				nextLog = now + TimeUnit.SECONDS.toNanos(10);
			}
			else if (!noWait && now - nextLog >= 0) {
				logger.info("Still waiting for the migration lock held by {} (waited {} s of up to {} s)", current,
						TimeUnit.NANOSECONDS.toSeconds(now - start), waitTimeout.toSeconds());
				nextLog = now + TimeUnit.SECONDS.toNanos(10);
			}
			sleep(pause);
			pause = Math.min(pause * 2, 2000);
		}
	}

	/**
	 * Who holds the lock now.
	 * @return the holder's description, or {@code null} when free
	 */
	@Nullable String currentHolder() {
		Row row = readAtSerial();
		return (row != null) ? row.getString("holder") : null;
	}

	/** @return {@code null} when we got the lock, otherwise the current holder */
	private @Nullable String tryInsert(String owner, String holder) {
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

	private @Nullable Row readAtSerial() {
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

	private boolean renew(String owner, String holder) {
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

	private void release(String owner) {
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

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MigrationLockException("Interrupted while waiting for the migration lock", null);
		}
	}

	/**
	 * A held lease: renewed in the background until closed. {@link #ensureHeld()} is the fencing
	 * check before each migration.
	 */
	final class Lease implements AutoCloseable {

		private final String owner;

		private final String holder;

		private final Duration waited;

		private final ScheduledExecutorService heartbeat;

		private volatile long lastRenewedNanos = System.nanoTime();

		private volatile boolean lost;

		private Lease(String owner, String holder, Duration waited) {
			this.owner = owner;
			this.holder = holder;
			this.waited = waited;
			this.heartbeat = Executors.newSingleThreadScheduledExecutor((runnable) -> {
				Thread thread = new Thread(runnable, "migration-lock-heartbeat");
				thread.setDaemon(true);
				return thread;
			});
			long period = Math.max(1000, MigrationLock.this.settings.lockTtl().toMillis() / 3);
			this.heartbeat.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
		}

		private void beat() {
			try {
				if (renew(this.owner, this.holder)) {
					this.lastRenewedNanos = System.nanoTime();
				}
				else {
					this.lost = true;
					logger.error("The migration lock was taken over by another instance; stopping before the next "
							+ "migration");
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Could not renew the migration lock: {}", ex.toString());
			}
		}

		/**
		 * Fails when the lease may have expired, so that no more DDL runs without the lock.
		 * @throws MigrationLockException when the lease is lost
		 */
		void ensureHeld() {
			long age = System.nanoTime() - this.lastRenewedNanos;
			// A margin of a third of the TTL keeps us clear of the moment the server expires the row.
			long limit = MigrationLock.this.settings.lockTtl().toNanos() * 2 / 3;
			if (this.lost || age > limit) {
				throw new MigrationLockException("Lost the migration lock (last renewed " + (age / 1_000_000)
						+ " ms ago): stopped before running more schema changes. Run the migration again; it resumes "
						+ "where it stopped.", null);
			}
		}

		/** @return how long acquiring took */
		Duration waited() {
			return this.waited;
		}

		@Override
		public void close() {
			this.heartbeat.shutdownNow();
			release(this.owner);
		}

	}

}
