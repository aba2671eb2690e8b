package dev.cqlmigrations.actuate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import dev.cqlmigrations.core.MigrationEngine;
import dev.cqlmigrations.core.MigrationInfo;
import dev.cqlmigrations.core.MigrationRunItem;
import dev.cqlmigrations.core.MigrationRunResult;
import dev.cqlmigrations.core.MigrationState;
import dev.cqlmigrations.core.RollbackException;
import dev.cqlmigrations.core.RollbackRequest;
import dev.cqlmigrations.core.StatusReport;

/**
 * {@link Endpoint @Endpoint} to expose the state of CQL migrations, and to roll them back.
 * <p>
 * {@code GET /actuator/migrations} reads the status. {@code POST /actuator/migrations/rollback}
 * undoes the last applied migration, a number of {@code steps}, or everything above a
 * {@code target}, optionally as a {@code dryRun}; {@code expectedVersion} refuses it unless the
 * keyspace is at that version, so that a retried request cannot undo more than asked. It never waits
 * for the migration lock: another run holding it is a conflict. Rolling back is destructive: the endpoint's
 * default access is read-only ({@code management.endpoint.migrations.access=unrestricted} opens
 * it) and {@code migrations.rollback-enabled=true} is needed as well.
 */
@Endpoint(id = "migrations", defaultAccess = Access.READ_ONLY)
public class MigrationsEndpoint {

	static final String ROLLBACK = "rollback";

	// The names of the request body's fields, for the messages of a malformed request.
	private static final RollbackRequest.Spelling HTTP_SPELLING = new RollbackRequest.Spelling("'target'",
			"'steps' %s", "'expectedVersion'", "Give either 'target' or 'steps', not both");

	private final Supplier<MigrationEngine> engine;

	private final boolean rollbackEnabled;

	/**
	 * Creates a new instance.
	 * @param engine supplies the engine, created on first use
	 * @param rollbackEnabled whether rollbacks are allowed ({@code migrations.rollback-enabled})
	 */
	public MigrationsEndpoint(Supplier<MigrationEngine> engine, boolean rollbackEnabled) {
		this.engine = engine;
		this.rollbackEnabled = rollbackEnabled;
	}

	/**
	 * The status of every migration, from the files and one read of the history, with the
	 * current holder of the migration lock.
	 * @return the status
	 */
	@ReadOperation
	public MigrationsDescriptor migrations() {
		MigrationEngine engine = this.engine.get();
		return describe(engine.status(), engine.settings().target(), engine.lockHolder());
	}

	/**
	 * The status in the shape of {@code GET /actuator/migrations}, which {@code migrate status
	 * --json} prints as well.
	 * @param report the status
	 * @param target the configured target ({@code migrations.target}), {@code null} for latest
	 * @param lockHolder who holds the migration lock, {@code null} when free
	 * @return the descriptor
	 */
	public static MigrationsDescriptor describe(StatusReport report, @Nullable String target,
			@Nullable String lockHolder) {
		return MigrationsDescriptor.of(report, PendingMigrations.count(report, target), lockHolder);
	}

	/**
	 * Rolls back applied migrations, newest first, under the migration lock.
	 * @param action must be {@code rollback}
	 * @param target roll back every applied migration above this version ({@code 0} for all)
	 * @param steps roll back this many applied migrations; without {@code target} or
	 * {@code steps}, the last one
	 * @param dryRun whether to only report what would run
	 * @param expectedVersion refuse unless the keyspace is at this version
	 * @return what was rolled back, or would be
	 * @throws InvalidEndpointRequestException when the request is malformed
	 * @throws RollbackNotEnabledException when {@code migrations.rollback-enabled} is not true
	 * @throws dev.cqlmigrations.core.RollbackException when the history does not allow it
	 * @throws dev.cqlmigrations.core.MigrationValidationException when scripts changed since they were
	 * applied
	 * @throws dev.cqlmigrations.core.MigrationLockHeldException when another run holds the lock
	 */
	@WriteOperation
	public RollbackDescriptor rollback(@Selector String action, @Nullable String target, @Nullable Integer steps,
			@Nullable Boolean dryRun, @Nullable String expectedVersion) {
		RollbackRequest request = rollbackRequest(action, target, steps, dryRun, expectedVersion);
		if (!this.rollbackEnabled) {
			throw new RollbackNotEnabledException("Rollback is disabled: set migrations.rollback-enabled=true to allow "
					+ "rolling back migrations through the 'migrations' endpoint.");
		}
		return RollbackDescriptor.of(this.engine.get().rollback(request));
	}

	private static RollbackRequest rollbackRequest(String action, @Nullable String target, @Nullable Integer steps,
			@Nullable Boolean dryRun, @Nullable String expectedVersion) {
		if (!ROLLBACK.equals(action)) {
			throw new InvalidEndpointRequestException("Unknown action '" + action + "': the only action is "
					+ "POST /actuator/migrations/rollback", "Unknown action");
		}
		RollbackRequest request;
		try {
			request = RollbackRequest.parse(target, (steps != null) ? steps.toString() : null, expectedVersion,
					Boolean.TRUE.equals(dryRun), HTTP_SPELLING);
		}
		catch (RollbackException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), "Invalid rollback request");
		}
		// An HTTP request must not queue behind another run: a client that times out and retries
		// would otherwise get both requests carried out, one after the other.
		return request.withoutWaitingForLock();
	}

	/**
	 * Description of the state of the migrations, shaped like Spring Boot's {@code flyway}
	 * endpoint.
	 *
	 * @param keyspace the keyspace of the history
	 * @param currentVersion the latest applied version, {@code null} when none
	 * @param pending migrations the next migrate would apply, up to {@code migrations.target}
	 * @param counts number of migrations per state
	 * @param migrations every migration, ordered by version
	 * @param problems what validation would reject, one sentence each
	 * @param lockHolder who holds the migration lock, {@code null} when free
	 */
	public record MigrationsDescriptor(String keyspace, @Nullable String currentVersion, int pending,
			Map<MigrationState, Integer> counts, List<MigrationDescriptor> migrations, List<String> problems,
			@Nullable String lockHolder) implements OperationResponseBody {

		static MigrationsDescriptor of(StatusReport report, int pending, @Nullable String lockHolder) {
			return new MigrationsDescriptor(report.keyspace(), report.currentVersion(), pending,
					new LinkedHashMap<>(report.counts()),
					report.migrations().stream().map(MigrationDescriptor::of).toList(), report.problems(), lockHolder);
		}

	}

	/**
	 * Description of one migration.
	 *
	 * @param version the version
	 * @param description the description
	 * @param type CQL, JAVA or BASELINE
	 * @param script the script name or Java class
	 * @param state the state
	 * @param checksum checksum of the script on disk
	 * @param appliedChecksum checksum recorded when it was applied
	 * @param checksumDrift whether the script changed since it was applied
	 * @param undoAvailable whether it can be rolled back
	 * @param appliedAt when it was last applied
	 * @param rolledBackAt when it was last rolled back
	 * @param executionTime duration of its last run, in milliseconds
	 * @param statementsDone statements that ran in its last run
	 * @param statementsTotal statements of its last run
	 * @param installedBy who ran it last
	 * @param error the error of a failed run
	 */
	public record MigrationDescriptor(String version, String description, String type, @Nullable String script,
			MigrationState state, @Nullable Integer checksum, @Nullable Integer appliedChecksum, boolean checksumDrift,
			boolean undoAvailable, @Nullable Instant appliedAt, @Nullable Instant rolledBackAt,
			@Nullable Long executionTime, @Nullable Integer statementsDone, @Nullable Integer statementsTotal,
			@Nullable String installedBy, @Nullable String error) {

		static MigrationDescriptor of(MigrationInfo info) {
			return new MigrationDescriptor(info.version(), info.description(), info.type().name(), info.script(),
					info.state(), info.checksum(), info.appliedChecksum(), info.checksumDrift(), info.undoAvailable(),
					info.appliedAt(), info.rolledBackAt(), info.executionMillis(), info.statementsDone(),
					info.statementsTotal(), info.installedBy(), info.error());
		}

	}

	/**
	 * Description of a rollback.
	 *
	 * @param dryRun whether nothing was changed
	 * @param keyspace the keyspace of the history
	 * @param versionBefore the latest applied version before
	 * @param versionAfter the latest applied version after (unchanged in a dry run)
	 * @param migrations the migrations rolled back, or that would be, newest first
	 * @param lockWaitTime time spent waiting for the lock, in milliseconds
	 * @param totalTime the whole rollback, in milliseconds
	 */
	public record RollbackDescriptor(boolean dryRun, String keyspace, @Nullable String versionBefore,
			@Nullable String versionAfter, List<RolledBackMigrationDescriptor> migrations, long lockWaitTime,
			long totalTime) implements OperationResponseBody {

		static RollbackDescriptor of(MigrationRunResult result) {
			return new RollbackDescriptor(result.dryRun(), result.keyspace(), result.versionBefore(),
					result.versionAfter(), result.migrations().stream().map(RolledBackMigrationDescriptor::of).toList(),
					result.lockWaitMillis(), result.totalMillis());
		}

	}

	/**
	 * Description of one migration rolled back.
	 *
	 * @param version the version
	 * @param description the description
	 * @param type CQL or JAVA
	 * @param script the undo script that ran, or would run
	 * @param statements the undo statements, in order
	 * @param executionTime how long it took, in milliseconds ({@code 0} in a dry run)
	 */
	public record RolledBackMigrationDescriptor(String version, String description, String type,
			@Nullable String script, List<String> statements, long executionTime) {

		static RolledBackMigrationDescriptor of(MigrationRunItem item) {
			return new RolledBackMigrationDescriptor(item.version(), item.description(), item.type().name(),
					item.script(), item.statements(), item.executionMillis());
		}

	}

}
