package dev.cqlmigrations.actuate;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.cqlmigrations.core.MigrationEngine;
import dev.cqlmigrations.core.MigrationException;
import dev.cqlmigrations.core.MigrationListener;
import dev.cqlmigrations.core.MigrationRunItem;
import dev.cqlmigrations.core.StatusReport;

/**
 * The migration status served to health probes and metric scrapes: read from the engine (a
 * classpath scan and a Cassandra read) at most once per {@link #DEFAULT_MAX_AGE}, however often
 * they ask, and read again after this instance applied, rolled back or failed a migration. A
 * failure to read is kept for as long as a status would be, so that an unreachable cluster is
 * not asked again on every probe.
 */
public class MigrationStatusCache implements MigrationListener {

	/** How long a status is served before it is read again. */
	public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(5);

	private final Supplier<Status> reader;

	private final long maxAgeNanos;

	private final LongSupplier nanoClock;

	private @Nullable Status status;

	private @Nullable RuntimeException error;

	private long readAt;

	private boolean valid;

	/**
	 * Creates a cache reading the engine's status at most every {@link #DEFAULT_MAX_AGE}.
	 * @param engine supplies the engine, created on first use
	 */
	public MigrationStatusCache(Supplier<MigrationEngine> engine) {
		this(() -> read(engine.get()), DEFAULT_MAX_AGE, System::nanoTime);
	}

	MigrationStatusCache(Supplier<Status> reader, Duration maxAge, LongSupplier nanoClock) {
		this.reader = reader;
		this.maxAgeNanos = maxAge.toNanos();
		this.nanoClock = nanoClock;
	}

	private static Status read(MigrationEngine engine) {
		StatusReport report = engine.status();
		return new Status(report, PendingMigrations.versions(report, engine.settings().target()));
	}

	/**
	 * The status, read again when the last one is too old.
	 * @return the status
	 * @throws RuntimeException the error of the last read, when it failed
	 */
	public synchronized Status get() {
		long now = this.nanoClock.getAsLong();
		if (!this.valid || now - this.readAt >= this.maxAgeNanos) {
			try {
				this.status = this.reader.get();
				this.error = null;
			}
			catch (RuntimeException ex) {
				this.status = null;
				this.error = ex;
			}
			this.readAt = now;
			this.valid = true;
		}
		if (this.error != null) {
			throw this.error;
		}
		return this.status;
	}

	/**
	 * Makes the next {@link #get()} read the status again.
	 */
	public synchronized void invalidate() {
		this.valid = false;
	}

	@Override
	public void migrationApplied(MigrationRunItem item) {
		invalidate();
	}

	@Override
	public void migrationRolledBack(MigrationRunItem item) {
		invalidate();
	}

	@Override
	public void migrationFailed(String version, String description, MigrationException error) {
		invalidate();
	}

	/**
	 * A status and the versions the next migrate would apply.
	 *
	 * @param report the status report
	 * @param pendingVersions pending versions up to the configured target, ascending
	 */
	public record Status(StatusReport report, List<String> pendingVersions) {

		/** Canonical constructor, copying the list. */
		public Status {
			pendingVersions = List.copyOf(pendingVersions);
		}

	}

}
