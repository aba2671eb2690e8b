package dev.cqlmigrations.core;

import org.jspecify.annotations.Nullable;

/**
 * What to roll back: the last applied migration, a number of steps, or everything above a target.
 *
 * @param steps how many applied migrations to undo, newest first; {@code null} with a target
 * @param target undo every applied migration above this version ({@code 0} for all); {@code null}
 *        with steps
 * @param dryRun whether to only report the statements that would run
 * @param expectedVersion the version the caller expects the keyspace to be at; when it is at another
 *        one, the rollback is refused, so that a retried or doubled request cannot undo more than
 *        asked. {@code null} for no check
 * @param waitForLock whether to wait for another run holding the migration lock; {@code false}
 *        fails at once with {@link MigrationLockHeldException}
 */
public record RollbackRequest(@Nullable Integer steps, @Nullable String target, boolean dryRun,
		@Nullable String expectedVersion, boolean waitForLock) {

	/**
	 * A request without a version precondition that waits for the lock.
	 * @param steps how many applied migrations to undo; {@code null} with a target
	 * @param target undo every applied migration above this version; {@code null} with steps
	 * @param dryRun whether to only report the statements that would run
	 */
	public RollbackRequest(@Nullable Integer steps, @Nullable String target, boolean dryRun) {
		this(steps, target, dryRun, null, true);
	}

	/**
	 * Undo the last applied migration.
	 * @return the request
	 */
	public static RollbackRequest last() {
		return new RollbackRequest(1, null, false);
	}

	/**
	 * Undo the given number of applied migrations.
	 * @param steps how many
	 * @return the request
	 */
	public static RollbackRequest steps(int steps) {
		return new RollbackRequest(steps, null, false);
	}

	/**
	 * Undo every applied migration above the target.
	 * @param target the version to end at, {@code "0"} for none
	 * @return the request
	 */
	public static RollbackRequest toTarget(String target) {
		return new RollbackRequest(null, target, false);
	}

	/**
	 * The same request as a dry run.
	 * @return the dry-run request
	 */
	public RollbackRequest asDryRun() {
		return new RollbackRequest(this.steps, this.target, true, this.expectedVersion, this.waitForLock);
	}

	/**
	 * The same request, refused unless the keyspace is at the given version.
	 * @param version the current version the caller expects, {@code null} for no check
	 * @return the request with the precondition
	 */
	public RollbackRequest expectingVersion(@Nullable String version) {
		return new RollbackRequest(this.steps, this.target, this.dryRun, version, this.waitForLock);
	}

	/**
	 * The same request, failing at once instead of waiting when another run holds the lock.
	 * @return the request that does not wait
	 */
	public RollbackRequest withoutWaitingForLock() {
		return new RollbackRequest(this.steps, this.target, this.dryRun, this.expectedVersion, false);
	}

}
