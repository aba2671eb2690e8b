package dev.cqlmigrations.core;

import org.jspecify.annotations.Nullable;

/**
 * A statement of a migration failed in the cluster. The history records the migration as
 * {@code FAILED} with the statement index, so that the next run can resume there.
 */
public class MigrationExecutionException extends MigrationException {

	private final MigrationVersion version;

	private final int statementIndex;

	/**
	 * Creates a new instance.
	 * @param message what failed, where, and what to do
	 * @param version the version of the failed migration
	 * @param statementIndex the 0-based index of the failed statement
	 * @param cause the driver's error
	 */
	public MigrationExecutionException(String message, MigrationVersion version, int statementIndex,
			@Nullable Throwable cause) {
		super(message, cause);
		this.version = version;
		this.statementIndex = statementIndex;
	}

	/**
	 * The version of the migration that failed.
	 * @return the version
	 */
	public MigrationVersion getVersion() {
		return this.version;
	}

	/**
	 * The 0-based index of the failed statement within its script.
	 * @return the statement index
	 */
	public int getStatementIndex() {
		return this.statementIndex;
	}

}
