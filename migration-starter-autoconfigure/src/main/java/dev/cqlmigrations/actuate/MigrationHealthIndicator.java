package dev.cqlmigrations.actuate;

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
import dev.cqlmigrations.core.StatusReport;

/**
 * {@link HealthIndicator} used to report whether the schema is where the application expects it:
 * {@code UP} with the current version when every migration up to {@code migrations.target} is
 * applied and valid, {@code DOWN} when some are pending or failed, when validation finds
 * problems, or when the status cannot be read. A failed startup migration is reported in the
 * details; it keeps the health {@code DOWN} as long as the schema is incomplete.
 */
public class MigrationHealthIndicator extends AbstractHealthIndicator {

	private final Supplier<MigrationEngine> engine;

	private final @Nullable MigrationStartupRunner startupRunner;

	/**
	 * Creates a new instance.
	 * @param engine supplies the engine, created on first use
	 * @param startupRunner the startup runner, whose failure is reported, or {@code null}
	 */
	public MigrationHealthIndicator(Supplier<MigrationEngine> engine, @Nullable MigrationStartupRunner startupRunner) {
		super("Migration health check failed");
		this.engine = engine;
		this.startupRunner = startupRunner;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		MigrationException startupFailure = (this.startupRunner != null) ? this.startupRunner.getFailure() : null;
		if (startupFailure != null) {
			builder.withDetail("startupError", String.valueOf(startupFailure.getMessage()));
		}
		MigrationEngine engine = this.engine.get();
		StatusReport report = engine.status();
		int pending = PendingMigrations.count(report, engine.settings().target());
		builder.withDetail("keyspace", report.keyspace());
		if (report.currentVersion() != null) {
			builder.withDetail("currentVersion", report.currentVersion());
		}
		builder.withDetail("pending", pending).withDetail("migrations", counts(report));
		if (!report.problems().isEmpty()) {
			builder.withDetail("problems", report.problems());
		}
		if (pending > 0 || !report.problems().isEmpty()) {
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
