package dev.cqlmigrations.core;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-wide migration lock: a lease taken with a lightweight transaction, kept alive by a
 * heartbeat, released by its owner only. A crashed owner's lease expires with its TTL.
 */
final class MigrationLock {

	private static final Logger logger = LoggerFactory.getLogger(MigrationLock.class);

	private final MigrationSettings settings;

	private final LockTable lockTable;

	private final String table;

	MigrationLock(CqlSession session, MigrationSettings settings) {
		this.settings = settings;
		this.lockTable = new LockTable(session, settings);
		this.table = this.lockTable.name();
	}

	String createTableCql() {
		return this.lockTable.createTableCql();
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
			String current = this.lockTable.tryInsert(owner, holder);
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
			Pause.sleep(Duration.ofMillis(pause), () -> new MigrationLockException(
					"Interrupted while waiting for the migration lock", null));
			pause = Math.min(pause * 2, 2000);
		}
	}

	/**
	 * Who holds the lock now.
	 * @return the holder's description, or {@code null} when free
	 */
	@Nullable String currentHolder() {
		Row row = this.lockTable.readAtSerial();
		return (row != null) ? row.getString("holder") : null;
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
				if (MigrationLock.this.lockTable.renew(this.owner, this.holder)) {
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
			MigrationLock.this.lockTable.release(this.owner);
		}

	}

}
