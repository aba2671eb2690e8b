package dev.cqlmigrations.core;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One line of a status report.
 *
 * @param version the version
 * @param description the description
 * @param type CQL, JAVA or BASELINE
 * @param script the script name or Java class
 * @param checksum checksum of the script on disk, {@code null} when not on disk
 * @param appliedChecksum checksum recorded when it was applied, {@code null} when never applied
 * @param state the state
 * @param checksumDrift whether the script on disk changed since it was applied
 * @param undoAvailable whether it can be rolled back (undo script or Java down step on disk)
 * @param appliedAt when it was last applied
 * @param rolledBackAt when it was last rolled back
 * @param executionMillis duration of its last run
 * @param statementsDone statements that ran in its last run
 * @param statementsTotal statements of its last run
 * @param installedBy who ran it last
 * @param error the error of a failed run
 */
public record MigrationInfo(String version, String description, MigrationType type, String script,
		@Nullable Integer checksum, @Nullable Integer appliedChecksum, MigrationState state, boolean checksumDrift,
		boolean undoAvailable, @Nullable Instant appliedAt, @Nullable Instant rolledBackAt,
		@Nullable Long executionMillis, @Nullable Integer statementsDone, @Nullable Integer statementsTotal,
		@Nullable String installedBy, @Nullable String error) {

}
