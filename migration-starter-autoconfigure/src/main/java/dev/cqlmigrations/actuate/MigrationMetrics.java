package dev.cqlmigrations.actuate;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import dev.cqlmigrations.core.MigrationEngine;
import dev.cqlmigrations.core.MigrationException;
import dev.cqlmigrations.core.MigrationListener;
import dev.cqlmigrations.core.MigrationRunItem;

/**
 * {@link MigrationListener} used to record Micrometer metrics of migrations, all tagged with the
 * keyspace: {@code migrations.apply} and {@code migrations.rollback} timers per version,
 * {@code migrations.failures} counter per version, {@code migrations.lock.wait} and
 * {@code migrations.schema.agreement} timers per run, and the {@code migrations.pending} gauge.
 */
public final class MigrationMetrics implements MigrationListener {

	private final MeterRegistry registry;

	private final Tags tags;

	private final MigrationStatusCache status;

	/**
	 * Creates the metrics and registers the pending gauge, with a status cache of its own.
	 * @param registry the registry
	 * @param keyspace the keyspace of the migration history
	 * @param engine supplies the engine, for the pending gauge
	 */
	public MigrationMetrics(MeterRegistry registry, String keyspace, Supplier<MigrationEngine> engine) {
		this(registry, keyspace, new MigrationStatusCache(engine));
	}

	/**
	 * Creates the metrics and registers the pending gauge.
	 * @param registry the registry
	 * @param keyspace the keyspace of the migration history
	 * @param status the status cache the pending gauge reads, shared with the health indicator
	 */
	public MigrationMetrics(MeterRegistry registry, String keyspace, MigrationStatusCache status) {
		this.registry = registry;
		this.tags = Tags.of("keyspace", keyspace);
		this.status = status;
		Gauge.builder("migrations.pending", this, MigrationMetrics::pendingCount)
			.tags(this.tags)
			.description("Migrations the next migrate would apply (NaN when the status cannot be read)")
			.strongReference(true)
			.register(registry);
	}

	@Override
	public void migrationApplied(MigrationRunItem item) {
		Timer.builder("migrations.apply")
			.tags(this.tags.and("version", item.version()))
			.description("Time to apply a migration")
			.register(this.registry)
			.record(Duration.ofMillis(item.executionMillis()));
	}

	@Override
	public void migrationRolledBack(MigrationRunItem item) {
		Timer.builder("migrations.rollback")
			.tags(this.tags.and("version", item.version()))
			.description("Time to roll back a migration")
			.register(this.registry)
			.record(Duration.ofMillis(item.executionMillis()));
	}

	@Override
	public void migrationFailed(String version, String description, MigrationException error) {
		Counter.builder("migrations.failures")
			.tags(this.tags.and("version", version))
			.description("Failed migrations and rollbacks")
			.register(this.registry)
			.increment();
	}

	@Override
	public void lockAcquired(Duration waited) {
		Timer.builder("migrations.lock.wait")
			.tags(this.tags)
			.description("Time spent waiting for the migration lock")
			.register(this.registry)
			.record(waited);
	}

	@Override
	public void schemaAgreementAwaited(Duration total) {
		Timer.builder("migrations.schema.agreement")
			.tags(this.tags)
			.description("Time a run spent waiting for schema agreement")
			.register(this.registry)
			.record(total);
	}

	private double pendingCount() {
		try {
			return this.status.get().pendingVersions().size();
		}
		catch (RuntimeException ex) {
			// A gauge must not throw: no reading is better than a failing scrape.
			return Double.NaN;
		}
	}

}
