package dev.cqlmigrations.autoconfigure;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import com.datastax.oss.driver.api.core.CqlSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;

import dev.cqlmigrations.core.MigrationEngine;
import dev.cqlmigrations.core.MigrationException;
import dev.cqlmigrations.core.MigrationRunItem;
import dev.cqlmigrations.core.MigrationRunResult;

/**
 * {@link ApplicationListener} used to apply pending migrations through the
 * {@link MigrationStrategy} when the application is ready. It runs synchronously, so readiness
 * only turns {@code ACCEPTING_TRAFFIC} once the schema is in place. A {@link MigrationInitializer}
 * may have triggered the migration earlier, during context refresh; it runs once either way. When
 * the schema changed, the application's sessions created so far refresh their schema metadata
 * before readiness. A failure stops the application, or, when failures are tolerated, is logged
 * and kept for the health indicator.
 */
public final class MigrationStartupRunner implements ApplicationListener<ApplicationReadyEvent>, Ordered {

	private static final Logger logger = LoggerFactory.getLogger(MigrationStartupRunner.class);

	private final Supplier<MigrationEngine> engine;

	private final @Nullable MigrationStrategy strategy;

	private final boolean dryRun;

	private final boolean failOnError;

	private final Supplier<List<CqlSession>> applicationSessions;

	private final AtomicBoolean started = new AtomicBoolean();

	private volatile boolean completed;

	private volatile @Nullable MigrationException failure;

	private volatile boolean schemaMayHaveChanged;

	/**
	 * Creates a new instance.
	 * @param engine supplies the engine when the application is ready
	 * @param strategy the strategy, or {@code null} to apply pending migrations
	 * @param dryRun whether the default strategy only reports what would run
	 * @param failOnError whether a failure stops the application
	 */
	public MigrationStartupRunner(Supplier<MigrationEngine> engine, @Nullable MigrationStrategy strategy,
			boolean dryRun, boolean failOnError) {
		this(engine, strategy, dryRun, failOnError, List::of);
	}

	/**
	 * Creates a new instance that refreshes the schema metadata of the application's sessions.
	 * @param engine supplies the engine when the migration runs
	 * @param strategy the strategy, or {@code null} to apply pending migrations
	 * @param dryRun whether the default strategy only reports what would run
	 * @param failOnError whether a failure stops the application
	 * @param applicationSessions supplies the application's sessions opened so far (never opens one)
	 */
	public MigrationStartupRunner(Supplier<MigrationEngine> engine, @Nullable MigrationStrategy strategy,
			boolean dryRun, boolean failOnError, Supplier<List<CqlSession>> applicationSessions) {
		this.engine = engine;
		this.strategy = strategy;
		this.dryRun = dryRun;
		this.failOnError = failOnError;
		this.applicationSessions = applicationSessions;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		migrate();
		if (this.schemaMayHaveChanged) {
			this.schemaMayHaveChanged = false;
			refreshApplicationSessions();
		}
	}

	/**
	 * Runs the startup migration, unless it already ran: called when the application is ready,
	 * or earlier by the {@link MigrationInitializer}.
	 */
	public void migrate() {
		// A child context's ready event reaches the parent's listeners too: migrate once.
		if (!this.started.compareAndSet(false, true)) {
			return;
		}
		try {
			MigrationEngine engine = this.engine.get();
			if (this.strategy != null) {
				// What a custom strategy did is unknown: assume it changed the schema.
				this.schemaMayHaveChanged = true;
				this.strategy.migrate(engine);
			}
			else {
				migrate(engine);
			}
		}
		catch (RuntimeException ex) {
			MigrationException failure = asMigrationException(ex);
			this.failure = failure;
			// Some migrations may have been applied before the failure.
			this.schemaMayHaveChanged = true;
			if (this.failOnError) {
				throw failure;
			}
			logger.error("Migrations failed; the application keeps running because migrations.fail-on-error is "
					+ "false, and the 'migrations' health is DOWN: {}", failure.getMessage(), failure);
		}
		finally {
			this.completed = true;
		}
	}

	private void migrate(MigrationEngine engine) {
		MigrationRunResult result = engine.migrate(engine.settings().target(), this.dryRun);
		if (this.dryRun) {
			logDryRun(result);
		}
		else if (!result.migrations().isEmpty()) {
			this.schemaMayHaveChanged = true;
		}
	}

	private void refreshApplicationSessions() {
		// The driver learns about schema changes made on another session from debounced events:
		// without this, the first requests after readiness may not see a type a migration created.
		for (CqlSession session : this.applicationSessions.get()) {
			try {
				session.refreshSchema();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not refresh the schema metadata of the application's session {} after migrations: "
						+ "{}", session.getName(), ex.getMessage());
			}
		}
	}

	private void logDryRun(MigrationRunResult result) {
		if (result.migrations().isEmpty()) {
			logger.info("Dry run (migrations.dry-run=true): keyspace {} is up to date", result.keyspace());
			return;
		}
		StringBuilder report = new StringBuilder();
		for (MigrationRunItem item : result.migrations()) {
			report.append("\n  V").append(item.version()).append(' ').append(item.description()).append(" (")
				.append(item.script()).append(')');
			item.statements().forEach((statement) -> report.append("\n    ").append(statement).append(';'));
		}
		logger.info("Dry run (migrations.dry-run=true), nothing was changed; {} pending migrations of keyspace {} "
				+ "would run:{}", result.migrations().size(), result.keyspace(), report);
	}

	private MigrationException asMigrationException(RuntimeException ex) {
		// The engine is created on first use, so its errors may come wrapped in bean creation
		// errors: report the most specific one.
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof MigrationException migrationException) {
				return migrationException;
			}
		}
		// Driver errors (cluster unreachable, no permission) carry no migration context: add it,
		// so that the failure analysis names what was being done.
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		return new MigrationException("Migrations could not run: " + cause.getMessage(), ex);
	}

	/**
	 * Whether the startup migration has finished, successfully or not.
	 * @return {@code true} once it ran
	 */
	public boolean isCompleted() {
		return this.completed;
	}

	/**
	 * The error of the startup migration, kept when failures are tolerated.
	 * @return the error, or {@code null} when it succeeded or has not run
	 */
	public @Nullable MigrationException getFailure() {
		return this.failure;
	}

	@Override
	public int getOrder() {
		// Before the application's own ready listeners, which may expect the schema.
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

}
