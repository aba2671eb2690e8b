package dev.cqlmigrations.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cqlmigrations.core.MigrationRunResult.Direction;

/**
 * {@code migrate up}: applies the pending migrations up to a target, in version order, under the
 * lock. Each migration's row goes IN_PROGRESS before its first statement, records its progress
 * after every statement, and ends APPLIED; a migration that stopped part-way resumes at the
 * statement after the last one done.
 */
final class ApplyMigrations {

	// The engine's loggers: operators (and tests) follow them for a run.
	private static final Logger logger = LoggerFactory.getLogger(MigrationEngine.class);

	private static final Logger summary = LoggerFactory.getLogger(MigrationEngine.SUMMARY_LOGGER);

	private final EngineContext context;

	private final HistoryBootstrap bootstrap;

	ApplyMigrations(EngineContext context, HistoryBootstrap bootstrap) {
		this.context = context;
		this.bootstrap = bootstrap;
	}

	/**
	 * Applies the pending migrations.
	 * @param loaded the migrations on disk, ordered
	 * @param target the highest version to apply, {@link MigrationVersion#LATEST} for all
	 * @param dryRun whether to only report what would run
	 * @return what ran, or would run
	 */
	MigrationRunResult run(List<ResolvedMigration> loaded, MigrationVersion target, boolean dryRun) {
		long start = System.nanoTime();
		String keyspace = this.context.keyspace();
		List<HistoryEntry> entries = this.context.history().readAll();
		checkTargetExists(target, loaded, entries);
		MigrationPlan plan = plan(loaded, entries, target);
		KeyspaceSafety.checkNoScriptCreatesHistoryKeyspace(plan.pending(), keyspace);
		String before = versionText(plan.current());
		boolean baselineFirst = this.context.settings().baselineOnMigrate() && entries.isEmpty();
		if (plan.pending().isEmpty() && !baselineFirst) {
			logUpToDate(keyspace, before, loaded.size(), MigrationEngine.millisSince(start));
			return new MigrationRunResult(Direction.UP, dryRun, keyspace, before, before, List.of(), 0, 0,
					MigrationEngine.millisSince(start));
		}
		if (dryRun) {
			List<MigrationRunItem> items = plan.pending().stream().map(ApplyMigrations::dryRunItem).toList();
			return new MigrationRunResult(Direction.UP, true, keyspace, before, before, items, 0, 0,
					MigrationEngine.millisSince(start));
		}
		boolean pendingBeforeLock = !plan.pending().isEmpty();
		this.bootstrap.createTablesIfMissing(entries.isEmpty());
		return LockedRun.locked(this.context, (lease, current) -> {
			List<HistoryEntry> history = baselineIfEmpty(current);
			MigrationPlan locked = plan(loaded, history, target);
			String from = versionText(locked.current());
			StatementRunner runner = this.context.newRunner();
			List<MigrationRunItem> items = new ArrayList<>();
			MigrationVersion last = locked.current();
			List<PendingMigration> pending = locked.pending();
			try {
				for (int i = 0; i < pending.size(); i++) {
					lease.ensureHeld();
					items.add(apply(pending.get(i), i + 1, pending.size(), runner, lease));
					last = laterOf(last, pending.get(i).migration().version());
				}
			}
			finally {
				// The last APPLIED row is still held back to travel with a next migration's first write.
				this.context.history().flush();
			}
			this.context.listener().schemaAgreementAwaited(runner.agreementTime());
			String after = versionText(last);
			long total = MigrationEngine.millisSince(start);
			if (items.isEmpty()) {
				// Pending before the lock, applied by another instance while this one waited for it.
				if (pendingBeforeLock) {
					logger.info("Another instance applied the pending migrations while this one waited {} ms for "
							+ "the lock", lease.waited().toMillis());
				}
				logUpToDate(keyspace, after, loaded.size(), total);
			}
			else {
				summary.info("Migrated keyspace {} from version {} to {}: {} in {} ms (lock wait {} ms, schema "
						+ "agreement {} ms)", keyspace, (from != null) ? from : "none", after,
						MigrationEngine.count(items.size(), "migration"), total, lease.waited().toMillis(),
						runner.agreementTime().toMillis());
			}
			return new MigrationRunResult(Direction.UP, false, keyspace, from, after, items, lease.waited().toMillis(),
					runner.agreementTime().toMillis(), total);
		});
	}

	private static void logUpToDate(String keyspace, @Nullable String version, int migrations, long millis) {
		summary.info("Keyspace {} is up to date at version {} ({}, checked in {} ms)", keyspace,
				(version != null) ? version : "none", MigrationEngine.count(migrations, "migration"), millis);
	}

	private List<HistoryEntry> baselineIfEmpty(List<HistoryEntry> entries) {
		MigrationSettings settings = this.context.settings();
		if (!settings.baselineOnMigrate() || !entries.isEmpty()) {
			return entries;
		}
		MigrationVersion baseline = MigrationVersion.parse(settings.baselineVersion());
		this.context.history()
			.save(HistoryEntry.baseline(baseline, settings.baselineDescription(), settings.installedBy(), Instant.now()));
		logger.info("Baselined empty history of keyspace {} at version {}", settings.keyspace(),
				settings.baselineVersion());
		return this.context.history().readAll();
	}

	private MigrationPlan plan(List<ResolvedMigration> loaded, List<HistoryEntry> entries, MigrationVersion target) {
		MigrationPlan plan = MigrationPlan.of(loaded, entries, this.context.settings().outOfOrder(), target);
		if (this.context.settings().validateOnMigrate() && !plan.problems().isEmpty()) {
			throw new MigrationValidationException(plan.problems());
		}
		return plan;
	}

	private MigrationRunItem apply(PendingMigration pending, int position, int count, StatementRunner runner,
			MigrationLock.Lease lease) {
		ResolvedMigration migration = pending.migration();
		String name = "V" + migration.version() + " " + migration.description();
		int resumeFrom = pending.resumeFrom();
		logger.info("Applying {} ({}/{}){}", name, position, count,
				(resumeFrom > 0) ? " resuming at statement " + (resumeFrom + 1) : "");
		long start = System.nanoTime();
		int total = migration.upStepCount();
		HistoryEntry entry = HistoryEntry.started(migration, resumeFrom, pending.previous(),
				migration.placeholdersOf(total), this.context.installedBy(), Instant.now());
		this.context.history().save(entry);
		StatementExecution execution = new StatementExecution(this.context, runner);
		List<String> ran = new ArrayList<>();
		if (migration.type() == MigrationType.JAVA) {
			execution.runJava(migration, entry);
			ran.add(migration.script() + ".up()");
		}
		else {
			runner.resetKeyspace();
			ProgressChecksum done = ProgressChecksum.start();
			for (int i = 0; i < resumeFrom; i++) {
				runner.replayIfUse(migration.statements().get(i).cql());
				done.add(migration.statements().get(i));
			}
			for (int i = resumeFrom; i < total; i++) {
				lease.ensureHeld();
				execution.run(migration, entry, i, done, pending.firstStatementMayHaveRun() && i == resumeFrom);
				done.add(migration.statements().get(i));
				ran.add(migration.statements().get(i).cql());
				if (i + 1 < total) {
					// After the last statement the APPLIED row below records the same progress.
					this.context.history().recordProgress(migration.version(), i + 1, done.value());
				}
			}
		}
		long millis = MigrationEngine.millisSince(start);
		this.context.history().saveWithNext(entry.applied(migration, millis, this.context.installedBy(), Instant.now()));
		logger.info("Applied {} in {} ms ({})", name, millis, MigrationEngine.count(ran.size(), "statement"));
		MigrationRunItem item = new MigrationRunItem(migration.version().toString(), migration.description(),
				migration.type(), migration.script(), ran, millis);
		this.context.listener().migrationApplied(item);
		return item;
	}

	private static void checkTargetExists(MigrationVersion target, List<ResolvedMigration> loaded,
			List<HistoryEntry> entries) {
		if (target.isLatest()) {
			return;
		}
		boolean exists = loaded.stream().anyMatch((migration) -> migration.version().equals(target))
				|| entries.stream().anyMatch((entry) -> entry.version().equals(target));
		@Nullable ResolvedMigration latest = loaded.isEmpty() ? null : loaded.get(loaded.size() - 1);
		if (!exists && latest != null && target.isNewerThan(latest.version())) {
			// Above the latest is most likely a typo or a deployment without the newest scripts: never
			// report "up to date" for a version nobody has.
			throw new MigrationConfigurationException("Target version " + target + " (migrations.target) does not "
					+ "exist: it is above the latest migration, V" + latest.version() + " (" + latest.script()
					+ "), so that version cannot be reached and nothing was applied. Check that the newest scripts "
					+ "were deployed, or set the target to " + latest.version() + " or 'latest'.");
		}
		if (!exists) {
			throw new MigrationConfigurationException("Target version " + target + " (migrations.target) does not "
					+ "exist: known versions are "
					+ loaded.stream().map((m) -> m.version().toString()).collect(Collectors.joining(", "))
					+ ". Use one of them, or 'latest'.");
		}
	}

	private static MigrationRunItem dryRunItem(PendingMigration pending) {
		ResolvedMigration migration = pending.migration();
		List<CqlStatement> statements = migration.statements();
		List<CqlStatement> toRun = statements.subList(Math.min(pending.resumeFrom(), statements.size()),
				statements.size());
		return MigrationEngine.dryRunItem(migration, toRun, migration.script());
	}

	private static MigrationVersion laterOf(@Nullable MigrationVersion a, MigrationVersion b) {
		return (a != null && a.isNewerThan(b)) ? a : b;
	}

	static @Nullable String versionText(@Nullable MigrationVersion version) {
		return (version != null) ? version.toString() : null;
	}

}
