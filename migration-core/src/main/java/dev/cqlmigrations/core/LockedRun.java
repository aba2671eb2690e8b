package dev.cqlmigrations.core;

import java.time.Duration;
import java.util.List;

/**
 * Runs a command's body under the migration lock: takes the lease, tells the listener, reads the
 * history again (another instance may have changed it while this one waited), runs the body and
 * releases the lease. Every command that changes the history goes through here.
 */
final class LockedRun {

	private LockedRun() {
	}

	/**
	 * The part of a command that runs under the lock.
	 * @param <T> what it returns
	 */
	@FunctionalInterface
	interface Body<T> {

		/**
		 * Runs the body.
		 * @param lease the held lease, to check between statements
		 * @param entries the history, read after the lock was taken
		 * @return the body's result
		 */
		T run(MigrationLock.Lease lease, List<HistoryEntry> entries);

	}

	/**
	 * Runs a body under the lock, waiting for it as long as the settings allow.
	 * @param <T> what the body returns
	 * @param context the engine's parts
	 * @param body the body
	 * @return the body's result
	 */
	static <T> T locked(EngineContext context, Body<T> body) {
		return locked(context, context.settings().lockWaitTimeout(), body);
	}

	/**
	 * Runs a body under the lock.
	 * @param <T> what the body returns
	 * @param context the engine's parts
	 * @param wait how long to wait for another holder, {@link Duration#ZERO} to fail at once
	 * @param body the body
	 * @return the body's result
	 */
	static <T> T locked(EngineContext context, Duration wait, Body<T> body) {
		try (MigrationLock.Lease lease = context.lock().acquire(wait)) {
			context.listener().lockAcquired(lease.waited());
			return body.run(lease, context.history().readAll());
		}
	}

}
