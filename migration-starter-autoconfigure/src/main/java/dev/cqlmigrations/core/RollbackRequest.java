package dev.cqlmigrations.core;

/**
 * What to roll back: the last applied migration, a number of steps, or everything above a target.
 *
 * @param steps how many applied migrations to undo, newest first; {@code null} with a target
 * @param target undo every applied migration above this version ({@code 0} for all); {@code null}
 *        with steps
 * @param dryRun whether to only report the statements that would run
 */
public record RollbackRequest(Integer steps, String target, boolean dryRun) {

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
		return new RollbackRequest(this.steps, this.target, true);
	}

}
