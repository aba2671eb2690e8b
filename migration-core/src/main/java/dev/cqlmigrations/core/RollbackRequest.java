package dev.cqlmigrations.core;

import org.jspecify.annotations.Nullable;

/**
 * What to roll back: the last applied migration, a number of steps, or everything above a target.
 * A request validates itself when built: a malformed one never reaches the engine.
 *
 * @param steps how many applied migrations to undo, newest first; {@code null} with a target (and
 *        without, for the last one)
 * @param target undo every applied migration above this version ({@link MigrationVersion#ZERO} for
 *        all); {@code null} with steps
 * @param dryRun whether to only report the statements that would run
 * @param expectedVersion the version the caller expects the keyspace to be at; when it is at another
 *        one, the rollback is refused, so that a retried or doubled request cannot undo more than
 *        asked. {@code null} for no check
 * @param waitForLock whether to wait for another run holding the migration lock; {@code false}
 *        fails at once with {@link MigrationLockHeldException}
 */
public record RollbackRequest(@Nullable Integer steps, @Nullable MigrationVersion target, boolean dryRun,
		@Nullable MigrationVersion expectedVersion, boolean waitForLock) {

	/** How the Java API names the parts of a request in its error messages. */
	public static final Spelling JAVA = new Spelling("rollback target", "number of steps %s", "expected version",
			"Give either a number of steps or a rollback target, not both.");

	/**
	 * Canonical constructor.
	 * @throws RollbackException when both steps and a target are given, or steps are below 1
	 */
	public RollbackRequest {
		check(steps, (steps != null) ? steps.toString() : null, target, JAVA);
	}

	/**
	 * A request without a version precondition that waits for the lock.
	 * @param steps how many applied migrations to undo; {@code null} with a target
	 * @param target undo every applied migration above this version; {@code null} with steps
	 * @param dryRun whether to only report the statements that would run
	 * @throws RollbackException when the target is not a version, or the request is malformed
	 */
	public RollbackRequest(@Nullable Integer steps, @Nullable String target, boolean dryRun) {
		this(steps, targetOf(target, JAVA.target()), dryRun, null, true);
	}

	/**
	 * Builds a request from text, as a command line or an HTTP request gives it: the one place where
	 * such text is checked. Blank values count as absent.
	 * @param target the version to end at, {@code 0} for none; {@code null} for steps
	 * @param steps how many migrations to undo, a whole number of 1 or more; {@code null} for one,
	 *        or with a target
	 * @param expectedVersion the version the keyspace must be at, {@code null} for no check
	 * @param dryRun whether to only report the statements that would run
	 * @param spelling how the caller's users name each part, for the error messages
	 * @return the request, waiting for the lock
	 * @throws RollbackException naming the part that is wrong and what to give instead
	 */
	public static RollbackRequest parse(@Nullable String target, @Nullable String steps,
			@Nullable String expectedVersion, boolean dryRun, Spelling spelling) {
		String stepsText = blankToNull(steps);
		MigrationVersion targetVersion = targetOf(target, spelling.target());
		Integer stepCount = null;
		if (stepsText != null) {
			try {
				stepCount = Integer.parseInt(stepsText);
			}
			catch (NumberFormatException ex) {
				stepCount = 0;
			}
		}
		check(stepCount, stepsText, targetVersion, spelling);
		return new RollbackRequest(stepCount, targetVersion, dryRun, version(expectedVersion,
				spelling.expectedVersion()), true);
	}

	/**
	 * Undo the last applied migration.
	 * @return the request
	 */
	public static RollbackRequest last() {
		return new RollbackRequest(1, (MigrationVersion) null, false, null, true);
	}

	/**
	 * Undo the given number of applied migrations.
	 * @param steps how many, 1 or more
	 * @return the request
	 */
	public static RollbackRequest steps(int steps) {
		return new RollbackRequest(steps, (MigrationVersion) null, false, null, true);
	}

	/**
	 * Undo every applied migration above the target.
	 * @param target the version to end at, {@code "0"} for none
	 * @return the request
	 * @throws RollbackException when the target is not a version
	 */
	public static RollbackRequest toTarget(String target) {
		return toTarget(targetOf(target, JAVA.target()));
	}

	/**
	 * Undo every applied migration above the target.
	 * @param target the version to end at, {@link MigrationVersion#ZERO} for none
	 * @return the request
	 */
	public static RollbackRequest toTarget(@Nullable MigrationVersion target) {
		return new RollbackRequest(null, target, false, null, true);
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
	 * @throws RollbackException when the text is not a version
	 */
	public RollbackRequest expectingVersion(@Nullable String version) {
		return expectingVersion(version(version, JAVA.expectedVersion()));
	}

	/**
	 * The same request, refused unless the keyspace is at the given version.
	 * @param version the current version the caller expects, {@code null} for no check
	 * @return the request with the precondition
	 */
	public RollbackRequest expectingVersion(@Nullable MigrationVersion version) {
		return new RollbackRequest(this.steps, this.target, this.dryRun, version, this.waitForLock);
	}

	/**
	 * The same request, failing at once instead of waiting when another run holds the lock.
	 * @return the request that does not wait
	 */
	public RollbackRequest withoutWaitingForLock() {
		return new RollbackRequest(this.steps, this.target, this.dryRun, this.expectedVersion, false);
	}

	/**
	 * How many migrations a request without a target undoes.
	 * @return the steps, 1 when none were given
	 */
	public int stepsOrOne() {
		return (this.steps != null) ? this.steps : 1;
	}

	private static void check(@Nullable Integer steps, @Nullable String stepsText, @Nullable MigrationVersion target,
			Spelling spelling) {
		if (steps != null && target != null) {
			throw new RollbackException(spelling.bothGiven());
		}
		if (steps != null && steps < 1) {
			throw new RollbackException("Invalid " + String.format(spelling.steps(), stepsText)
					+ ": use a whole number of 1 or more.");
		}
	}

	private static @Nullable MigrationVersion targetOf(@Nullable String text, String name) {
		return version(text, name, " (0 rolls back everything)");
	}

	private static @Nullable MigrationVersion version(@Nullable String text, String name) {
		return version(text, name, "");
	}

	private static @Nullable MigrationVersion version(@Nullable String text, String name, String hint) {
		String trimmed = blankToNull(text);
		if (trimmed == null) {
			return null;
		}
		try {
			return MigrationVersion.parse(trimmed);
		}
		catch (IllegalArgumentException ex) {
			throw new RollbackException("Invalid " + name + ": " + ex.getMessage() + hint + ".");
		}
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return (text != null && !text.isBlank()) ? text.trim() : null;
	}

	/**
	 * How a caller's users name the parts of a rollback request, so that an error message speaks
	 * their language: {@code --steps} on a command line, {@code 'steps'} in a JSON body.
	 *
	 * @param target the name of the target, e.g. {@code --target}
	 * @param steps the name of the steps with {@code %s} where the value goes, e.g. {@code --steps '%s'}
	 * @param expectedVersion the name of the expected version, e.g. {@code 'expectedVersion'}
	 * @param bothGiven the message when both steps and a target are given
	 */
	public record Spelling(String target, String steps, String expectedVersion, String bothGiven) {
	}

}
