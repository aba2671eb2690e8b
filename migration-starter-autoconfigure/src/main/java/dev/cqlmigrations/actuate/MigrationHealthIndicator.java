package dev.cqlmigrations.actuate;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.cqlmigrations.autoconfigure.MigrationStartupRunner;
import dev.cqlmigrations.core.MigrationEngine;
import dev.cqlmigrations.core.MigrationException;
import dev.cqlmigrations.core.MigrationState;
import dev.cqlmigrations.core.StatusReport;

/**
 * {@link HealthIndicator} used to report whether the schema is where the application expects it.
 * {@code DOWN} when a migration or a rollback failed, when validation finds problems, when the
 * status cannot be read, or when a tolerated startup migration failed and left migrations
 * pending. Pending migrations alone (after a rollback, say) keep it {@code UP}, listed in the
 * details, so that one admin action never takes a fleet out of its load balancer. The status
 * comes from a {@link MigrationStatusCache}, not from a Cassandra read per probe.
 */
public class MigrationHealthIndicator extends AbstractHealthIndicator {

	private final MigrationStatusCache status;

	private final @Nullable MigrationStartupRunner startupRunner;

	/**
	 * Creates a new instance with a status cache of its own.
	 * @param engine supplies the engine, created on first use
	 * @param startupRunner the startup runner, whose failure is reported, or {@code null}
	 */
	public MigrationHealthIndicator(Supplier<MigrationEngine> engine, @Nullable MigrationStartupRunner startupRunner) {
		this(new MigrationStatusCache(engine), startupRunner);
	}

	/**
	 * Creates a new instance.
	 * @param status the status cache, shared with the pending gauge
	 * @param startupRunner the startup runner, whose failure is reported, or {@code null}
	 */
	public MigrationHealthIndicator(MigrationStatusCache status, @Nullable MigrationStartupRunner startupRunner) {
		super("Migration health check failed");
		this.status = status;
		this.startupRunner = startupRunner;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		MigrationException startupFailure = (this.startupRunner != null) ? this.startupRunner.getFailure() : null;
		if (startupFailure != null) {
			builder.withDetail("startupError", String.valueOf(startupFailure.getMessage()));
		}
		MigrationStatusCache.Status status = this.status.get();
		StatusReport report = status.report();
		List<String> pending = status.pendingVersions();
		builder.withDetail("keyspace", report.keyspace());
		if (report.currentVersion() != null) {
			builder.withDetail("currentVersion", report.currentVersion());
		}
		builder.withDetail("pending", pending.size());
		if (!pending.isEmpty()) {
			builder.withDetail("pendingVersions", pending);
		}
		builder.withDetail("migrations", counts(report));
		if (!report.problems().isEmpty()) {
			builder.withDetail("problems", report.problems());
		}
		boolean failed = report.count(MigrationState.FAILED) > 0 || report.count(MigrationState.ROLLBACK_FAILED) > 0;
		boolean startupIncomplete = startupFailure != null && !pending.isEmpty();
		if (failed || startupIncomplete || !report.problems().isEmpty()) {
			builder.down();
		}
		else {
			builder.up();
		}
	}

	private static Map<String, Integer> counts(StatusReport report) {
		Map<String, Integer> counts = new TreeMap<>();
		report.counts().forEach((state, count) -> {
			if (count > 0) {
				counts.put(state.name(), count);
			}
		});
		return counts;
	}

}
