package dev.cqlmigrations.core;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a migrate or rollback did.
 *
 * @param direction UP for migrate, DOWN for rollback
 * @param dryRun whether nothing was changed
 * @param keyspace the keyspace of the history
 * @param versionBefore the latest applied version before the run, {@code null} when none
 * @param versionAfter the latest applied version after the run (unchanged in a dry run)
 * @param migrations the migrations run, in order
 * @param lockWaitMillis time spent waiting for the lock
 * @param agreementWaitMillis time spent waiting for schema agreement
 * @param totalMillis the whole run
 */
public record MigrationRunResult(Direction direction, boolean dryRun, String keyspace, @Nullable String versionBefore,
		@Nullable String versionAfter, List<MigrationRunItem> migrations, long lockWaitMillis, long agreementWaitMillis,
		long totalMillis) {

	/** Canonical constructor, copying the list. */
	public MigrationRunResult {
		migrations = List.copyOf(migrations);
	}

	/** Direction of a run. */
	public enum Direction {

		/** Applying migrations. */
		UP,

		/** Rolling back migrations. */
		DOWN

	}

}
