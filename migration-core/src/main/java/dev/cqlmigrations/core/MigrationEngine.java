package dev.cqlmigrations.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.servererrors.AlreadyExistsException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cqlmigrations.core.MigrationRunResult.Direction;
import org.jspecify.annotations.Nullable;

/**
 * The migration engine: loads and validates the migrations, compares them with the history, and
 * applies or rolls them back under the cluster-wide lock. Plain Java; the Spring auto-configuration,
 * the actuator endpoint and the command line all call this class.
 * <p>
 * The session should be the engine's own, configured with {@link DdlSessionSettings}; the engine
 * switches its keyspace with {@code USE} while scripts run.
 */
public final class MigrationEngine {

	private static final Logger logger = LoggerFactory.getLogger(MigrationEngine.class);

	// The one-line outcome of a run, a logger of its own: the command line prints its own summary
	// and switches this one off, keeping the progress lines above.
	private static final Logger summary = LoggerFactory.getLogger(MigrationEngine.class.getName() + ".summary");

	private final CqlSession session;

	private final MigrationSettings settings;

	private final MigrationListener listener;

	private final HistoryTable history;

	private final MigrationLock lock;

	/**
	 * Creates an engine without a listener.
	 * @param session the session to run statements on
	 * @param settings the settings
	 */
	public MigrationEngine(CqlSession session, MigrationSettings settings) {
		this(session, settings, MigrationListener.NONE);
	}

	/**
	 * Creates an engine.
	 * @param session the session to run statements on
	 * @param settings the settings
	 * @param listener notified of applied, rolled back and failed migrations
	 */
	public MigrationEngine(CqlSession session, MigrationSettings settings, MigrationListener listener) {
		this.session = Objects.requireNonNull(session, "session");
		this.settings = Objects.requireNonNull(settings, "settings");
		this.listener = (listener != null) ? listener : MigrationListener.NONE;
		this.history = new HistoryTable(session, settings);
		this.lock = new MigrationLock(session, settings);
		LocalConsistencyWarning.logIfMultiDatacenter(session, settings);
	}

	/**
	 * The settings in use.
	 * @return the settings
	 */
	public MigrationSettings settings() {
		return this.settings;
	}

	/**
	 * Loads and validates the migrations on disk and the Java migrations, without the cluster.
	 * @return the migrations, ordered by version
	 * @throws MigrationLoadException when a file name, pair or version is invalid
	 * @throws MigrationScriptException when a script cannot be parsed
	 */
	public List<ResolvedMigration> load() {
		MigrationLoader loader = new MigrationLoader(new ScriptScanner(this.settings.classLoader()),
				new Placeholders(this.settings.placeholders()));
		List<ResolvedMigration> migrations = loader.load(this.settings.locations(), this.settings.javaMigrations());
		EngineTablesGuard.check(migrations, this.settings);
		if (migrations.isEmpty()) {
			logger.warn("No migrations found in {}", this.settings.locations());
		}
		return migrations;
	}

	/**
	 * Status of every migration, from one read of the history.
	 * @return the report
	 */
	public StatusReport status() {
		List<ResolvedMigration> loaded = load();
		List<HistoryEntry> entries = this.history.readAll();
		MigrationPlan plan = MigrationPlan.of(loaded, entries, this.settings.outOfOrder(), null);
		return new StatusReport(this.settings.keyspace(), versionText(plan.current()), plan.infos(), plan.problems());
	}

	/**
	 * Validates the migrations on disk against the history, changing nothing.
	 * @return the status, when valid
	 * @throws MigrationValidationException listing every problem
	 */
	public StatusReport validate() {
		StatusReport report = status();
		if (!report.problems().isEmpty()) {
			throw new MigrationValidationException(report.problems());
		}
		return report;
	}

	/**
	 * Who holds the migration lock now.
	 * @return the holder, or {@code null} when nobody holds it (or the lock table does not exist)
	 */
	public @Nullable String lockHolder() {
		try {
			return this.lock.currentHolder();
		}
		catch (InvalidQueryException ex) {
			if (HistoryTable.isMissingTable(ex)) {
				return null;
			}
			throw ex;
		}
	}

	/**
	 * Applies the pending migrations up to the configured target.
	 * @return what ran
	 */
	public MigrationRunResult migrate() {
		return migrate(this.settings.target(), false);
	}

	/**
	 * Applies the pending migrations.
	 * @param target the highest version to apply, {@code null} or {@code "latest"} for all
	 * @param dryRun whether to only report what would run
	 * @return what ran, or would run
	 */
	public MigrationRunResult migrate(@Nullable String target, boolean dryRun) {
		long start = System.nanoTime();
		List<ResolvedMigration> loaded = load();
		MigrationVersion targetVersion = parseTarget(target);
		List<HistoryEntry> entries = this.history.readAll();
		checkTargetExists(targetVersion, loaded, entries);
		MigrationPlan plan = plan(loaded, entries, targetVersion);
		KeyspaceSafety.checkNoScriptCreatesHistoryKeyspace(plan.pending(), this.settings.keyspace());
		String before = versionText(plan.current());
		boolean baselineFirst = this.settings.baselineOnMigrate() && entries.isEmpty();
		if (plan.pending().isEmpty() && !baselineFirst) {
			summary.info("Keyspace {} is up to date at version {} ({}, checked in {} ms)", this.settings.keyspace(),
					(before != null) ? before : "none", count(loaded.size(), "migration"), millisSince(start));
			return new MigrationRunResult(Direction.UP, dryRun, this.settings.keyspace(), before, before, List.of(), 0,
					0, millisSince(start));
		}
		if (dryRun) {
			List<MigrationRunItem> items = plan.pending()
				.stream()
				.map((pending) -> dryRunItem(pending.migration(), pending.migration().statements()
					.subList(Math.min(pending.resumeFrom(), pending.migration().statements().size()),
							pending.migration().statements().size()), pending.migration().script()))
				.toList();
			return new MigrationRunResult(Direction.UP, true, this.settings.keyspace(), before, before, items, 0, 0,
					millisSince(start));
		}
		boolean pendingBeforeLock = !plan.pending().isEmpty();
		createHistoryTablesIfMissing(entries.isEmpty());
		try (MigrationLock.Lease lease = this.lock.acquire()) {
			this.listener.lockAcquired(lease.waited());
			entries = this.history.readAll();
			if (this.settings.baselineOnMigrate() && entries.isEmpty()) {
				this.history.save(baselineEntry(this.settings.baselineVersion(), this.settings.baselineDescription()));
				logger.info("Baselined empty history of keyspace {} at version {}", this.settings.keyspace(),
						this.settings.baselineVersion());
				entries = this.history.readAll();
			}
			plan = plan(loaded, entries, targetVersion);
			before = versionText(plan.current());
			StatementRunner runner = newRunner();
			List<MigrationRunItem> items = new ArrayList<>();
			List<PendingMigration> pending = plan.pending();
			try {
				for (int i = 0; i < pending.size(); i++) {
					lease.ensureHeld();
					items.add(applyUp(pending.get(i), i + 1, pending.size(), runner, lease));
				}
			}
			finally {
				// The last APPLIED row is still held back to travel with a next migration's first write.
				this.history.flush();
			}
			this.listener.schemaAgreementAwaited(runner.agreementTime());
			String after = items.isEmpty() ? before : items.get(items.size() - 1).version();
			after = laterOf(before, after);
			long total = millisSince(start);
			if (items.isEmpty()) {
				// Pending before the lock, applied by another instance while this one waited for it.
				if (pendingBeforeLock) {
					logger.info("Another instance applied the pending migrations while this one waited {} ms for "
							+ "the lock", lease.waited().toMillis());
				}
				summary.info("Keyspace {} is up to date at version {} ({}, checked in {} ms)",
						this.settings.keyspace(), (after != null) ? after : "none", count(loaded.size(), "migration"),
						total);
			}
			else {
				summary.info("Migrated keyspace {} from version {} to {}: {} in {} ms (lock wait {} ms, schema "
						+ "agreement {} ms)", this.settings.keyspace(), (before != null) ? before : "none", after,
						count(items.size(), "migration"), total, lease.waited().toMillis(),
						runner.agreementTime().toMillis());
			}
			return new MigrationRunResult(Direction.UP, false, this.settings.keyspace(), before, after, items,
					lease.waited().toMillis(), runner.agreementTime().toMillis(), total);
		}
	}

	private MigrationPlan plan(List<ResolvedMigration> loaded, List<HistoryEntry> entries,
			@Nullable MigrationVersion target) {
		MigrationPlan plan = MigrationPlan.of(loaded, entries, this.settings.outOfOrder(), target);
		if (this.settings.validateOnMigrate() && !plan.problems().isEmpty()) {
			throw new MigrationValidationException(plan.problems());
		}
		return plan;
	}

	private MigrationRunItem applyUp(PendingMigration pending, int position, int count, StatementRunner runner,
			MigrationLock.Lease lease) {
		ResolvedMigration migration = pending.migration();
		String name = "V" + migration.version() + " " + migration.description();
		logger.info("Applying {} ({}/{}){}", name, position, count,
				(pending.resumeFrom() > 0) ? " resuming at statement " + (pending.resumeFrom() + 1) : "");
		long start = System.nanoTime();
		Instant startedAt = Instant.now();
		int total = migration.upStepCount();
		HistoryEntry previous = pending.previous();
		// A resumed run adds its time to that of the parts before it.
		long earlierParts = (pending.resumeFrom() > 0 && previous != null) ? previous.executionMillis() : 0;
		List<String> audit = (previous != null) ? previous.audit() : List.of();
		for (Map.Entry<String, String> value : migration.placeholdersOf(total).entrySet()) {
			audit = HistoryTable.withAudit(audit, MigrationPlan.placeholderAudit(value.getKey(), value.getValue()),
					this.settings.installedBy(), startedAt);
		}
		HistoryEntry entry = new HistoryEntry(migration.version(), migration.description(), migration.type(),
				migration.script(), migration.checksum(), migration.undoScript(), migration.undoChecksum(),
				HistoryState.IN_PROGRESS, pending.resumeFrom(), total,
				(migration.type() == MigrationType.JAVA) ? null : ProgressChecksum.of(migration.statements(), pending.resumeFrom()),
				startedAt, (previous != null) ? previous.rolledBackAt() : null, earlierParts,
				this.settings.installedBy(), null, audit);
		this.history.save(entry);
		List<String> ran = new ArrayList<>();
		if (migration.type() == MigrationType.JAVA) {
			runJavaUp(migration, entry, runner);
			ran.add(migration.script() + ".up()");
		}
		else {
			runner.resetKeyspace();
			ProgressChecksum done = ProgressChecksum.start();
			for (int i = 0; i < pending.resumeFrom(); i++) {
				runner.replayIfUse(migration.statements().get(i).cql());
				done.add(migration.statements().get(i));
			}
			for (int i = pending.resumeFrom(); i < total; i++) {
				lease.ensureHeld();
				CqlStatement statement = migration.statements().get(i);
				runStatement(migration, entry, statement, i, done, runner,
						pending.firstStatementMayHaveRun() && i == pending.resumeFrom());
				done.add(statement);
				ran.add(statement.cql());
				if (i + 1 < total) {
					// After the last statement the APPLIED row below records the same progress.
					this.history.recordProgress(migration.version(), i + 1, done.value());
				}
			}
		}
		long millis = millisSince(start);
		Instant finishedAt = Instant.now();
		HistoryEntry applied = entry.withRun(HistoryState.APPLIED, total, total,
				(migration.type() == MigrationType.JAVA) ? null : ProgressChecksum.of(migration.statements(), total),
				finishedAt, entry.rolledBackAt(), earlierParts + millis, this.settings.installedBy(), null,
				HistoryTable.withAudit(audit, "APPLIED", this.settings.installedBy(), finishedAt));
		this.history.saveWithNext(applied);
		logger.info("Applied {} in {} ms ({})", name, millis, count(ran.size(), "statement"));
		MigrationRunItem item = new MigrationRunItem(migration.version().toString(), migration.description(),
				migration.type(), migration.script(), ran, millis);
		this.listener.migrationApplied(item);
		return item;
	}

	private void runStatement(ResolvedMigration migration, HistoryEntry entry, CqlStatement statement, int index,
			ProgressChecksum done, StatementRunner runner, boolean mayHaveRunBefore) {
		if (mayHaveRunBefore && StatementRunner.isSchemaChange(statement.cql())
				&& Boolean.TRUE.equals(inEffect(runner, statement.cql(), false))) {
			logger.warn("Statement {} of V{} (line {}) already took effect in an earlier run that got no answer or "
					+ "died before recording it (checked in system_schema); continuing after it", index + 1,
					migration.version(), statement.line());
			return;
		}
		try {
			runner.run(statement.cql());
		}
		catch (SchemaAgreementException ex) {
			// The statement itself ran: count it, so that a resumed run continues after it.
			int ranChecksum = ProgressChecksum.of(migration.statements(), index + 1);
			throw fail(migration, entry, index + 1, ranChecksum, ex, ex);
		}
		catch (RuntimeException ex) {
			if (mayHaveRunBefore && looksAlreadyDone(ex)) {
				logger.warn("Statement {} of V{} was probably completed by a run that died before recording it ({}); "
						+ "continuing after it", index + 1, migration.version(), ex.getMessage());
				return;
			}
			String head = "Migration V" + migration.version() + " (" + migration.script() + ") failed at statement "
					+ (index + 1) + " of " + migration.statements().size() + " (line " + statement.line() + "): "
					+ describe(ex) + "\n  Statement: " + abbreviate(statement.cql()) + "\n";
			if (StatementRunner.outcomeUnknown(ex)) {
				unknownOutcome(migration, entry, statement, index, done, runner, ex, head);
				return;
			}
			String message = head + "The history records V" + migration.version() + " as FAILED after "
					+ count(index, "statement") + "; nothing after the failed statement ran. Fix that statement"
					+ ((index == 0) ? "" : (index == 1) ? " (keep the one before it unchanged)"
							: " (keep the " + index + " before it unchanged)")
					+ " and run the migration again: it resumes at statement " + (index + 1) + ". If you changed the "
					+ "schema by hand instead, run 'migrate repair'.";
			throw fail(migration, entry, index, done.value(), ex,
					new MigrationExecutionException(message, migration.version(), index, ex));
		}
	}

	/**
	 * The statement was sent but no answer came back: finds out from the schema tables whether it
	 * took effect. Returns when it did (the run goes on); otherwise records FAILED, saying what is
	 * known, so that the next run checks again before running it.
	 */
	private void unknownOutcome(ResolvedMigration migration, HistoryEntry entry, CqlStatement statement, int index,
			ProgressChecksum done, StatementRunner runner, RuntimeException ex, String head) {
		boolean schemaChange = StatementRunner.isSchemaChange(statement.cql());
		Boolean inEffect = schemaChange ? inEffect(runner, statement.cql(), true) : null;
		if (Boolean.TRUE.equals(inEffect)) {
			logger.warn("Statement {} of V{} (line {}) got no answer ({}), but system_schema shows that it took "
					+ "effect; continuing after it", index + 1, migration.version(), statement.line(), describe(ex));
			return;
		}
		String known = Boolean.FALSE.equals(inEffect)
				? "system_schema shows that it did not take effect (checked after the error)"
				: schemaChange ? "it is not known whether it took effect: system_schema could not be read, or cannot "
						+ "show the effect of this statement"
						: "it is not known whether it took effect (it is not a schema change, so the schema tables "
								+ "cannot tell)";
		String message = head + "No answer came back for that statement; " + known + ". The history records V"
				+ migration.version() + " as FAILED after " + count(index, "statement") + ", with statement " + (index + 1)
				+ " of unknown outcome; nothing after it ran. Run the migration again: it resumes at statement "
				+ (index + 1) + (schemaChange ? ", first checks system_schema and skips it when it took effect in "
						+ "the meantime." : "; it is a data statement, so it runs again (keep it idempotent).");
		throw fail(migration, entry, index, done.value(), PendingMigration.OUTCOME_UNKNOWN + describe(ex),
				new MigrationExecutionException(message, migration.version(), index, ex));
	}

	/**
	 * Asks system_schema whether a statement took effect, once the nodes agree. After a lost
	 * connection the driver needs a moment to reconnect, so failed reads are retried for a while.
	 * @return {@code null} when the schema cannot tell or cannot be read
	 */
	private @Nullable Boolean inEffect(StatementRunner runner, String cql, boolean retry) {
		SchemaProbe probe = new SchemaProbe(this.session);
		long deadline = System.nanoTime() + Math.min(this.settings.schemaAgreementTimeout().toNanos(),
				Duration.ofSeconds(15).toNanos());
		while (true) {
			try {
				runner.awaitAgreement();
				return probe.inEffect(cql, runner.currentKeyspace());
			}
			catch (RuntimeException ex) {
				if (!retry || System.nanoTime() > deadline) {
					logger.warn("Cannot tell from system_schema whether a statement took effect: {}", describe(ex));
					return null;
				}
				HistoryTable.pause(500);
			}
		}
	}

	private void runJavaUp(ResolvedMigration migration, HistoryEntry entry, StatementRunner runner) {
		runner.resetKeyspace();
		try {
			Objects.requireNonNull(migration.javaMigration(), "a JAVA migration has its JavaMigration").up(this.session);
			runner.awaitAgreement();
		}
		catch (SchemaAgreementException ex) {
			throw fail(migration, entry, 1, null, ex, ex);
		}
		catch (Exception ex) {
			String message = "Java migration V" + migration.version() + " (" + migration.script() + ") failed: "
					+ ex.getMessage() + ". The history records it as FAILED; fix it and run the migration again (it "
					+ "runs again from the start, so make it safe to repeat), or run 'migrate repair' after fixing the "
					+ "schema by hand.";
			throw fail(migration, entry, 0, null, ex, new MigrationExecutionException(message, migration.version(), 0, ex));
		}
	}

	private MigrationException fail(ResolvedMigration migration, HistoryEntry entry, int statementsDone,
			@Nullable Integer doneChecksum, Throwable cause, MigrationException error) {
		return fail(migration, entry, statementsDone, doneChecksum, describe(cause), error);
	}

	private MigrationException fail(ResolvedMigration migration, HistoryEntry entry, int statementsDone,
			@Nullable Integer doneChecksum, String errorText, MigrationException error) {
		// Time of this part and of the parts before it (the IN_PROGRESS entry carries those).
		long millis = entry.executionMillis() + Duration.between(entry.appliedAt(), Instant.now()).toMillis();
		HistoryEntry failed = entry.withRun(HistoryState.FAILED, statementsDone, entry.statementsTotal(), doneChecksum,
				entry.appliedAt(), entry.rolledBackAt(), millis, entry.installedBy(), errorText,
				HistoryTable.withAudit(entry.audit(), "FAILED at statement " + (statementsDone + 1),
						this.settings.installedBy(), Instant.now()));
		// Right after a lost connection the driver needs a moment to reconnect: retry briefly.
		long deadline = System.nanoTime() + Math.min(this.settings.schemaAgreementTimeout().toNanos(),
				Duration.ofSeconds(5).toNanos());
		while (true) {
			try {
				this.history.save(failed);
				break;
			}
			catch (RuntimeException saveFailure) {
				if (System.nanoTime() > deadline || !(saveFailure instanceof DriverException)) {
					error = unrecorded(error, migration, statementsDone, saveFailure);
					break;
				}
				HistoryTable.pause(500);
			}
		}
		logger.error("Migration V{} {} failed: {}", migration.version(), migration.description(), errorText);
		this.listener.migrationFailed(migration.version().toString(), migration.description(), error);
		return error;
	}

	// The FAILED row could not be written (the node went away too): the message must not claim it was.
	private static MigrationException unrecorded(MigrationException error, ResolvedMigration migration,
			int statementsDone, RuntimeException saveFailure) {
		String truth = "The history could not be updated (" + describe(saveFailure) + "): it still shows V"
				+ migration.version() + " as IN_PROGRESS with its last recorded progress, and the next run resumes "
				+ "there";
		String message = String.valueOf(error.getMessage());
		String replaced = message.replaceAll("The history records (V\\S+|it) as FAILED[^;]*",
				Matcher.quoteReplacement(truth));
		MigrationException honest = new MigrationExecutionException(
				replaced.equals(message) ? message + " " + truth + "." : replaced, migration.version(), statementsDone,
				error.getCause());
		honest.addSuppressed(saveFailure);
		return honest;
	}

	/**
	 * An error's message for the operator, never just "null": the driver's connection errors can
	 * come without a message.
	 */
	static String describe(Throwable ex) {
		String message = ex.getMessage();
		if (message != null && !message.isBlank()) {
			return message;
		}
		Throwable cause = ex.getCause();
		return ex.getClass().getSimpleName()
				+ ((cause != null && cause != ex) ? " (" + describe(cause) + ")" : "");
	}

	/**
	 * Rolls back applied migrations, newest first, with their undo scripts.
	 * @param request what to roll back
	 * @return what ran, or would run
	 * @throws RollbackException when the request cannot be carried out; nothing was changed
	 */
	public MigrationRunResult rollback(RollbackRequest request) {
		long start = System.nanoTime();
		List<ResolvedMigration> loaded = load();
		List<HistoryEntry> entries = this.history.readAll();
		List<ResolvedMigration> toUndo = selectForRollback(loaded, entries, request);
		KeyspaceSafety.checkNoUndoDropsHistoryKeyspace(toUndo, this.settings.keyspace());
		String before = versionText(MigrationPlan.of(loaded, entries, true, null).current());
		if (request.dryRun()) {
			List<MigrationRunItem> items = toUndo.stream()
				.map((migration) -> dryRunItem(migration, migration.undoStatements(),
						undoName(migration)))
				.toList();
			return new MigrationRunResult(Direction.DOWN, true, this.settings.keyspace(), before, before, items, 0, 0,
					millisSince(start));
		}
		Duration lockWait = request.waitForLock() ? this.settings.lockWaitTimeout() : Duration.ZERO;
		try (MigrationLock.Lease lease = this.lock.acquire(lockWait)) {
			this.listener.lockAcquired(lease.waited());
			entries = this.history.readAll();
			toUndo = selectForRollback(loaded, entries, request);
			Map<MigrationVersion, HistoryEntry> byVersion = new TreeMap<>();
			entries.forEach((entry) -> byVersion.put(entry.version(), entry));
			StatementRunner runner = newRunner();
			List<MigrationRunItem> items = new ArrayList<>();
			for (int i = 0; i < toUndo.size(); i++) {
				lease.ensureHeld();
				// selectForRollback picks applied versions, so each has its history entry.
				HistoryEntry entry = Objects.requireNonNull(byVersion.get(toUndo.get(i).version()));
				items.add(undo(toUndo.get(i), entry, i + 1, toUndo.size(), runner));
			}
			this.listener.schemaAgreementAwaited(runner.agreementTime());
			String after = versionText(MigrationPlan.of(loaded, this.history.readAll(), true, null).current());
			summary.info("Rolled back keyspace {} from version {} to {}: {} in {} ms", this.settings.keyspace(), before,
					(after != null) ? after : "none", count(items.size(), "migration"), millisSince(start));
			return new MigrationRunResult(Direction.DOWN, false, this.settings.keyspace(), before, after, items,
					lease.waited().toMillis(), runner.agreementTime().toMillis(), millisSince(start));
		}
	}

	private List<ResolvedMigration> selectForRollback(List<ResolvedMigration> loaded, List<HistoryEntry> entries,
			RollbackRequest request) {
		for (HistoryEntry entry : entries) {
			if (entry.state() != HistoryState.APPLIED && entry.state() != HistoryState.ROLLED_BACK) {
				throw new RollbackException("Cannot roll back while V" + entry.version() + " (" + entry.description()
						+ ") is " + entry.state() + ": complete it with 'migrate up' or clear it with 'migrate repair' "
						+ "first.");
			}
		}
		if (request.expectedVersion() != null && !request.expectedVersion().isBlank()) {
			checkExpectedVersion(entries, request.expectedVersion().trim());
		}
		List<HistoryEntry> applied = entries.stream()
			.filter((entry) -> entry.state() == HistoryState.APPLIED && entry.type() != MigrationType.BASELINE)
			.sorted(Comparator.comparing(HistoryEntry::version).reversed())
			.toList();
		if (applied.isEmpty()) {
			throw new RollbackException("Nothing to roll back: no migration is applied in keyspace "
					+ this.settings.keyspace() + ".");
		}
		MigrationVersion current = applied.get(0).version();
		List<HistoryEntry> selected;
		if (request.target() != null && !request.target().isBlank()) {
			selected = selectAboveTarget(applied, entries, loaded, current, request.target().trim());
		}
		else {
			int steps = (request.steps() != null) ? request.steps() : 1;
			if (steps < 1) {
				throw new RollbackException("Invalid number of steps " + steps + ": use 1 or more.");
			}
			if (steps > applied.size()) {
				throw new RollbackException("Cannot roll back " + count(steps, "migration") + ": only " + applied.size()
						+ ((applied.size() == 1) ? " is" : " are") + " applied in keyspace " + this.settings.keyspace()
						+ " (" + versions(applied) + ").");
			}
			selected = applied.subList(0, steps);
		}
		Map<MigrationVersion, ResolvedMigration> onDisk = new TreeMap<>();
		loaded.forEach((migration) -> onDisk.put(migration.version(), migration));
		List<ResolvedMigration> toUndo = new ArrayList<>();
		for (HistoryEntry entry : selected) {
			ResolvedMigration migration = onDisk.get(entry.version());
			if (migration == null) {
				throw new RollbackException("V" + entry.version() + " (" + entry.description() + ") cannot be rolled "
						+ "back: its scripts are no longer in the migration locations. Restore " + entry.script()
						+ " and its undo script. Nothing was rolled back.");
			}
			if (!migration.canUndo() && entry.undoScript() != null && migration.type() == MigrationType.CQL) {
				throw new RollbackException("V" + entry.version() + " (" + migration.script() + ") cannot be rolled "
						+ "back: its undo script " + entry.undoScript() + " was there when it was applied and is "
						+ "missing now. Restore " + entry.undoScript() + " as it was. Nothing was rolled back.");
			}
			if (!migration.canUndo()) {
				throw new RollbackException("V" + entry.version() + " (" + migration.script() + ") has no undo "
						+ ((migration.type() == MigrationType.JAVA) ? "step (implement down() and canUndo())"
								: "script: add U" + entry.version() + "__" + migration.description().replace(' ', '_')
										+ ".cql")
						+ " to roll it back. Nothing was rolled back.");
			}
			toUndo.add(migration);
		}
		validateForRollback(loaded, entries, toUndo);
		return toUndo;
	}

	private void checkExpectedVersion(List<HistoryEntry> entries, String expectedText) {
		MigrationVersion expected;
		try {
			expected = MigrationVersion.parse(expectedText);
		}
		catch (IllegalArgumentException ex) {
			throw new RollbackException("Invalid expected version: " + ex.getMessage() + ".");
		}
		MigrationVersion current = entries.stream()
			.filter((entry) -> entry.state() == HistoryState.APPLIED)
			.map(HistoryEntry::version)
			.max(MigrationVersion::compareTo)
			.orElse(null);
		if (!expected.equals(current)) {
			throw new RollbackException("Keyspace " + this.settings.keyspace() + " is at "
					+ ((current != null) ? "version " + current : "no version") + ", not at the expected version "
					+ expected + ": the history changed since the request was made (another rollback or migration "
					+ "ran). Nothing was rolled back. Check the current state and send the request again if it is "
					+ "still wanted.");
		}
	}

	/**
	 * A rollback trusts the scripts as much as a migrate does: edited or deleted applied scripts, and
	 * undo scripts changed since their migration was applied, refuse it before anything runs.
	 */
	private void validateForRollback(List<ResolvedMigration> loaded, List<HistoryEntry> entries,
			List<ResolvedMigration> toUndo) {
		if (!this.settings.validateOnMigrate()) {
			return;
		}
		// Out-of-order pending versions are no reason to refuse: rolling back may be how they get in.
		List<String> problems = new ArrayList<>(MigrationPlan.of(loaded, entries, true, null).problems());
		Map<MigrationVersion, HistoryEntry> byVersion = new TreeMap<>();
		entries.forEach((entry) -> byVersion.put(entry.version(), entry));
		for (ResolvedMigration migration : toUndo) {
			// The versions to undo were selected from the history.
			HistoryEntry entry = Objects.requireNonNull(byVersion.get(migration.version()));
			if (entry.undoChecksum() != null && migration.undoChecksum() != null
					&& !entry.undoChecksum().equals(migration.undoChecksum())) {
				problems.add("V" + migration.version() + ": its undo script " + migration.undoScript() + " was changed "
						+ "after V" + migration.version() + " was applied (checksum " + entry.undoChecksum() + " in the "
						+ "history, " + migration.undoChecksum() + " on disk). Undo the edit, or run 'migrate repair' "
						+ "to accept the undo script as it is now.");
			}
		}
		if (!problems.isEmpty()) {
			throw new MigrationValidationException(problems);
		}
	}

	private List<HistoryEntry> selectAboveTarget(List<HistoryEntry> applied, List<HistoryEntry> entries,
			List<ResolvedMigration> loaded, MigrationVersion current, String targetText) {
		MigrationVersion target;
		try {
			target = MigrationVersion.parse(targetText);
		}
		catch (IllegalArgumentException ex) {
			throw new RollbackException("Invalid rollback target: " + ex.getMessage() + ".");
		}
		if (target.isNewerThan(current)) {
			throw new RollbackException("Rollback target " + target + " is above the current version " + current
					+ ": a rollback only goes down. Use 'migrate up' to go up.");
		}
		if (target.equals(current)) {
			throw new RollbackException("Nothing to roll back: keyspace " + this.settings.keyspace()
					+ " is already at version " + current + ".");
		}
		boolean known = target.equals(MigrationVersion.parse("0"))
				|| entries.stream().anyMatch((entry) -> entry.version().equals(target))
				|| loaded.stream().anyMatch((migration) -> migration.version().equals(target));
		if (!known) {
			throw new RollbackException("Unknown rollback target " + target + ": no migration has that version. "
					+ "Applied versions: " + versions(applied) + " (use 0 to roll back everything).");
		}
		entries.stream()
			.filter((entry) -> entry.type() == MigrationType.BASELINE && entry.version().isNewerThan(target))
			.findFirst()
			.ifPresent((baseline) -> {
				throw new RollbackException("Cannot roll back below the baseline at version " + baseline.version()
						+ ": the schema before it was not created by migrations.");
			});
		return applied.stream().filter((entry) -> entry.version().isNewerThan(target)).toList();
	}

	private MigrationRunItem undo(ResolvedMigration migration, HistoryEntry entry, int position, int count,
			StatementRunner runner) {
		String name = "V" + migration.version() + " " + migration.description();
		logger.info("Rolling back {} ({}/{})", name, position, count);
		long start = System.nanoTime();
		int total = (migration.type() == MigrationType.JAVA) ? 1 : migration.undoStatements().size();
		// Recorded before the first undo statement: if this process dies, the history says so.
		HistoryEntry rolling = entry.withRun(HistoryState.ROLLBACK_FAILED, 0, total, null, entry.appliedAt(),
				entry.rolledBackAt(), entry.executionMillis(), this.settings.installedBy(),
				"rollback started at " + Instant.now() + " and did not finish", entry.audit());
		this.history.save(rolling);
		List<String> ran = new ArrayList<>();
		runner.resetKeyspace();
		int done = 0;
		try {
			if (migration.type() == MigrationType.JAVA) {
				Objects.requireNonNull(migration.javaMigration(), "a JAVA migration has its JavaMigration")
					.down(this.session);
				runner.awaitAgreement();
				ran.add(migration.script() + ".down()");
				done = 1;
			}
			else {
				for (CqlStatement statement : migration.undoStatements()) {
					runner.run(statement.cql());
					ran.add(statement.cql());
					done++;
					this.history.recordProgress(migration.version(), done, null);
				}
			}
		}
		catch (Exception ex) {
			String message = "Rollback of V" + migration.version() + " (" + migration.undoScript() + ") failed at undo "
					+ "statement " + (done + 1) + " of " + total + ": " + ex.getMessage() + ". The history records it as "
					+ "ROLLBACK_FAILED; the schema is partly undone. Finish the undo by hand and run 'migrate repair "
					+ "--undo-finished' (records V" + migration.version() + " ROLLED_BACK), or revert it by hand and "
					+ "run 'migrate repair --undo-reverted' (records it APPLIED).";
			MigrationExecutionException error = new MigrationExecutionException(message, migration.version(), done, ex);
			HistoryEntry failed = entry.withRun(HistoryState.ROLLBACK_FAILED, done, total, null, entry.appliedAt(),
					entry.rolledBackAt(), entry.executionMillis(), this.settings.installedBy(),
					String.valueOf(ex.getMessage()), HistoryTable.withAudit(entry.audit(),
							"ROLLBACK FAILED at undo statement " + (done + 1), this.settings.installedBy(), Instant.now()));
			this.history.save(failed);
			logger.error("Rollback of {} failed: {}", name, ex.getMessage());
			this.listener.migrationFailed(migration.version().toString(), migration.description(), error);
			throw error;
		}
		long millis = millisSince(start);
		Instant finishedAt = Instant.now();
		HistoryEntry rolledBack = entry.withRun(HistoryState.ROLLED_BACK, done, total, null, entry.appliedAt(),
				finishedAt, millis, this.settings.installedBy(), null,
				HistoryTable.withAudit(entry.audit(), "ROLLED_BACK", this.settings.installedBy(), finishedAt));
		this.history.save(rolledBack);
		logger.info("Rolled back {} in {} ms ({})", name, millis, count(ran.size(), "statement"));
		MigrationRunItem item = new MigrationRunItem(migration.version().toString(), migration.description(),
				migration.type(), undoName(migration), ran, millis);
		this.listener.migrationRolledBack(item);
		return item;
	}

	/**
	 * Clears what blocks the next run after an operator fixed the schema by hand: failed and
	 * unfinished entries are removed (or, for a version that was applied before, marked rolled
	 * back), and changed checksums are accepted. Refuses, changing nothing, when a rollback failed
	 * part-way: see {@link #repair(UndoOutcome)}.
	 * @return one sentence per change made
	 * @throws RepairException when a rollback failed part-way
	 */
	public List<String> repair() {
		return repair(null);
	}

	/**
	 * Like {@link #repair()}, and records each failed rollback as the operator says it ended:
	 * {@link UndoOutcome#FINISHED} marks it rolled back, {@link UndoOutcome#REVERTED} applied.
	 * @param failedUndo how the failed rollbacks were completed by hand, {@code null} when none failed
	 * @return one sentence per change made
	 * @throws RepairException when a rollback failed part-way and {@code failedUndo} is {@code null}
	 */
	public List<String> repair(@Nullable UndoOutcome failedUndo) {
		List<ResolvedMigration> loaded = load();
		createHistoryTablesIfMissing(this.history.readAll().isEmpty());
		Map<MigrationVersion, ResolvedMigration> onDisk = new TreeMap<>();
		loaded.forEach((migration) -> onDisk.put(migration.version(), migration));
		List<String> actions = new ArrayList<>();
		try (MigrationLock.Lease lease = this.lock.acquire()) {
			List<HistoryEntry> entries = this.history.readAll();
			if (failedUndo == null) {
				refuseUndecidedFailedRollbacks(entries);
			}
			for (HistoryEntry entry : entries) {
				String action = repair(entry, onDisk.get(entry.version()), failedUndo);
				if (action != null) {
					actions.add(action);
					summary.info("Repair: {}", action);
				}
			}
		}
		if (actions.isEmpty()) {
			summary.info("Repair: nothing to repair in keyspace {}", this.settings.keyspace());
		}
		return actions;
	}

	private void refuseUndecidedFailedRollbacks(List<HistoryEntry> entries) {
		for (HistoryEntry entry : entries) {
			if (entry.state() == HistoryState.ROLLBACK_FAILED) {
				throw new RepairException("V" + entry.version() + " (" + entry.description() + "): its rollback failed "
						+ "after " + entry.statementsDone() + " of " + entry.statementsTotal() + " undo statements, and "
						+ "repair cannot tell what you did since. If you finished the undo by hand, run 'migrate repair "
						+ "--undo-finished' (records V" + entry.version() + " ROLLED_BACK; the next migrate applies it "
						+ "again). If you restored what the undo had removed, run 'migrate repair --undo-reverted' "
						+ "(records it APPLIED). Nothing was repaired.");
			}
		}
	}

	private @Nullable String repair(HistoryEntry entry, @Nullable ResolvedMigration disk,
			@Nullable UndoOutcome failedUndo) {
		Instant now = Instant.now();
		switch (entry.state()) {
			case FAILED, IN_PROGRESS -> {
				if (entry.rolledBackAt() == null) {
					int confirmed = statementsInEffect(entry, disk);
					if (confirmed == 0) {
						this.history.delete(entry.version());
						return "V" + entry.version() + ": removed the " + entry.state() + " entry; it runs again from "
								+ "its first statement";
					}
					// statementsInEffect finds none without the script on disk.
					boolean all = confirmed == Objects.requireNonNull(disk).statements().size();
					if (!all && entry.state() == HistoryState.FAILED && confirmed == entry.statementsDone()
							&& entry.error() == null) {
						return null;
					}
					String done = (confirmed == 1) ? "statement 1" : "statements 1-" + confirmed;
					String event = "REPAIRED (was " + entry.state() + "): " + done + " in effect";
					this.history.save(copy(entry, disk, all ? HistoryState.APPLIED : HistoryState.FAILED, confirmed,
							HistoryTable.withAudit(entry.audit(), event, this.settings.installedBy(), now)));
					return "V" + entry.version() + ": " + done + " of " + disk.statements().size() + " took effect "
							+ "(recorded, or found in system_schema), so never run" + ((confirmed == 1) ? "s" : "")
							+ " again; " + (all ? "marked APPLIED" : "it resumes at statement " + (confirmed + 1));
				}
				this.history.save(copy(entry, disk, HistoryState.ROLLED_BACK, 0,
						HistoryTable.withAudit(entry.audit(), "REPAIRED (was " + entry.state() + ")",
								this.settings.installedBy(), now)));
				return "V" + entry.version() + ": cleared the " + entry.state() + " run; it is pending again";
			}
			case ROLLBACK_FAILED -> {
				if (failedUndo == UndoOutcome.FINISHED) {
					this.history.save(entry.withRun(HistoryState.ROLLED_BACK, entry.statementsTotal(),
							entry.statementsTotal(), null, entry.appliedAt(), now, entry.executionMillis(),
							this.settings.installedBy(), null, HistoryTable.withAudit(entry.audit(),
									"REPAIRED (was ROLLBACK_FAILED): undo finished by hand", this.settings.installedBy(),
									now)));
					return "V" + entry.version() + ": marked ROLLED_BACK, its undo finished by hand; the next migrate "
							+ "applies it again";
				}
				// The row counts undo statements now: an APPLIED row counts the migration's own.
				int upSteps = (disk != null) ? disk.upStepCount() : entry.statementsTotal();
				HistoryEntry applied = copy(entry, disk, HistoryState.APPLIED, upSteps,
						HistoryTable.withAudit(entry.audit(), "REPAIRED (was ROLLBACK_FAILED): undo reverted by hand",
								this.settings.installedBy(), now));
				this.history.save(applied.withRun(HistoryState.APPLIED, upSteps, upSteps, applied.doneChecksum(),
						applied.appliedAt(), applied.rolledBackAt(), applied.executionMillis(), applied.installedBy(),
						null, applied.audit()));
				return "V" + entry.version() + ": marked APPLIED again, its undo reverted by hand";
			}
			case APPLIED -> {
				if (disk == null || entry.type() == MigrationType.BASELINE) {
					return null;
				}
				if (Objects.equals(entry.checksum(), disk.checksum())
						&& Objects.equals(entry.undoChecksum(), disk.undoChecksum())
						&& Objects.equals(entry.description(), disk.description())) {
					return null;
				}
				this.history.save(copy(entry, disk, HistoryState.APPLIED, entry.statementsDone(),
						HistoryTable.withAudit(entry.audit(), "REPAIRED (checksum " + entry.checksum() + " -> "
								+ disk.checksum() + ")", this.settings.installedBy(), now)));
				return "V" + entry.version() + ": accepted the script as it is now on disk (checksum "
						+ entry.checksum() + " -> " + disk.checksum() + ")";
			}
			default -> {
				return null;
			}
		}
	}

	/**
	 * How many leading statements of an unfinished migration are known to have taken effect: the
	 * statements the history recorded as done (when unchanged on disk, and not undone by hand as far
	 * as system_schema can tell), then every following schema change that system_schema shows in
	 * effect. Stops at the first statement that cannot be confirmed.
	 */
	private int statementsInEffect(HistoryEntry entry, @Nullable ResolvedMigration disk) {
		if (disk == null || disk.type() == MigrationType.JAVA) {
			return 0;
		}
		List<CqlStatement> statements = disk.statements();
		int recorded = entry.statementsDone();
		if (recorded > statements.size() || (recorded > 0 && !Objects.equals(entry.doneChecksum(),
				ProgressChecksum.of(statements, recorded)))) {
			// Edited before the point it stopped: the record says nothing about the script as it is now.
			return 0;
		}
		StatementRunner runner = newRunner();
		runner.resetKeyspace();
		int done = 0;
		while (done < statements.size()) {
			String cql = statements.get(done).cql();
			if (StatementRunner.isUse(cql)) {
				runner.replayIfUse(cql);
			}
			else if (StatementRunner.isSchemaChange(cql)) {
				Boolean inEffect = inEffect(runner, cql, false);
				if (!Boolean.TRUE.equals(inEffect) && (done >= recorded || Boolean.FALSE.equals(inEffect))) {
					break;
				}
			}
			else if (done >= recorded) {
				break;
			}
			done++;
		}
		return done;
	}

	private HistoryEntry copy(HistoryEntry entry, @Nullable ResolvedMigration disk, HistoryState state,
			int statementsDone, List<String> audit) {
		return new HistoryEntry(entry.version(), (disk != null) ? disk.description() : entry.description(),
				entry.type(), (disk != null) ? disk.script() : entry.script(),
				(disk != null) ? disk.checksum() : entry.checksum(),
				(disk != null) ? disk.undoScript() : entry.undoScript(),
				(disk != null) ? disk.undoChecksum() : entry.undoChecksum(), state, statementsDone,
				entry.statementsTotal(),
				(disk != null && disk.type() != MigrationType.JAVA && statementsDone <= disk.statements().size())
						? ProgressChecksum.of(disk.statements(), statementsDone) : null,
				entry.appliedAt(), entry.rolledBackAt(), entry.executionMillis(), entry.installedBy(), null, audit);
	}

	/**
	 * Marks an existing schema as being at a version, without running scripts: migrations up to
	 * it never run, later ones do.
	 * @param version the version the schema is at
	 * @param description recorded with it, {@code null} for the default
	 * @throws MigrationException when the history already has migrations
	 */
	public void baseline(String version, String description) {
		MigrationVersion baseline = MigrationSettings.parseVersion(version, "baseline version");
		createHistoryTablesIfMissing(this.history.readAll().isEmpty());
		try (MigrationLock.Lease lease = this.lock.acquire()) {
			List<HistoryEntry> entries = this.history.readAll();
			if (!entries.isEmpty()) {
				HistoryEntry latest = entries.get(entries.size() - 1);
				throw new MigrationException("Cannot baseline keyspace " + this.settings.keyspace() + " at version "
						+ baseline + ": its history already has " + entries.size() + " entries (latest V"
						+ latest.version() + " " + latest.state() + "). Baseline is for an existing schema that has "
						+ "no history yet.");
			}
			this.history.save(baselineEntry(baseline.toString(),
					(description != null) ? description : this.settings.baselineDescription()));
			logger.info("Baselined keyspace {} at version {}", this.settings.keyspace(), baseline);
		}
	}

	private HistoryEntry baselineEntry(String version, String description) {
		Instant now = Instant.now();
		return new HistoryEntry(MigrationVersion.parse(version), description, MigrationType.BASELINE, description,
				null, null, null, HistoryState.APPLIED, 0, 0, null, now, null, 0, this.settings.installedBy(), null,
				List.of(now + " BASELINE by " + this.settings.installedBy()));
	}

	/**
	 * Creates the history keyspace and tables when they may be missing. Safe when many instances
	 * do it at once: IF NOT EXISTS, table ids derived from names, and schema agreement after each.
	 */
	private void createHistoryTablesIfMissing(boolean mayBeMissing) {
		if (!mayBeMissing) {
			return;
		}
		StatementRunner runner = newRunner();
		// A role allowed to work in an existing keyspace need not be allowed to create keyspaces.
		if (this.settings.createKeyspace() && !Boolean.TRUE.equals(new SchemaProbe(this.session)
			.inEffect("CREATE KEYSPACE " + this.settings.keyspace(), this.settings.keyspace()))) {
			runBootstrap(runner, List.of("CREATE KEYSPACE IF NOT EXISTS " + this.settings.keyspace()
					+ " WITH replication = " + replicationOfNewKeyspace().toCql()));
		}
		try {
			// Independent tables: one agreement round for both (the engine's first-run cost).
			runBootstrap(runner, List.of(this.lock.createTableCql(), this.history.createTableCql()));
		}
		catch (InvalidQueryException ex) {
			if (!this.settings.createKeyspace() && HistoryTable.isMissingTable(ex)) {
				throw new MigrationConfigurationException("Keyspace " + this.settings.keyspace() + " does not exist "
						+ "and migrations.create-keyspace is false: create the keyspace, or allow the engine to.");
			}
			throw ex;
		}
	}

	private void runBootstrap(StatementRunner runner, List<String> statements) {
		try {
			if (statements.size() == 1) {
				runner.run(statements.get(0));
			}
			else {
				runner.runTogether(statements);
			}
		}
		catch (UnauthorizedException ex) {
			throw new MigrationConfigurationException("The migration role may not run '"
					+ String.join("' and '", statements) + "': "
					+ ex.getMessage() + ". Grant it the permission (e.g. GRANT CREATE ON KEYSPACE "
					+ this.settings.keyspace() + " TO <role>), or run that statement once with a role that may. "
					+ "Nothing was migrated.");
		}
	}

	private KeyspaceReplication replicationOfNewKeyspace() {
		if (this.settings.replicationConfigured()) {
			return this.settings.replication();
		}
		// One replica is only right for a single node: on a real cluster it loses the history with one disk.
		Map<String, Integer> nodesPerDatacenter = new TreeMap<>();
		this.session.getMetadata()
			.getNodes()
			.values()
			.forEach((node) -> nodesPerDatacenter.merge(String.valueOf(node.getDatacenter()), 1, Integer::sum));
		KeyspaceReplication replication = KeyspaceSafety.defaultReplication(nodesPerDatacenter);
		// One node can only hold one replica: worth a word only where a choice was made.
		boolean chosen = nodesPerDatacenter.values().stream().mapToInt(Integer::intValue).sum() > 1;
		String message = "migrations.replication is not set: keyspace {}, if missing, is created with {} (nodes per "
				+ "data center: {})";
		if (chosen) {
			logger.info(message, this.settings.keyspace(), replication.toCql(), nodesPerDatacenter);
		}
		else {
			logger.debug(message, this.settings.keyspace(), replication.toCql(), nodesPerDatacenter);
		}
		return replication;
	}

	private StatementRunner newRunner() {
		return new StatementRunner(this.session,
				new SchemaAgreement(this.session, this.settings.schemaAgreementTimeout()), this.settings.keyspace());
	}

	private @Nullable MigrationVersion parseTarget(@Nullable String target) {
		if (target == null || target.isBlank() || "latest".equalsIgnoreCase(target.trim())) {
			return null;
		}
		return MigrationSettings.parseVersion(target.trim(), "migrations.target");
	}

	private void checkTargetExists(@Nullable MigrationVersion target, List<ResolvedMigration> loaded, List<HistoryEntry> entries) {
		if (target == null) {
			return;
		}
		boolean exists = loaded.stream().anyMatch((migration) -> migration.version().equals(target))
				|| entries.stream().anyMatch((entry) -> entry.version().equals(target));
		ResolvedMigration latest = loaded.isEmpty() ? null : loaded.get(loaded.size() - 1);
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

	// Only migrations that can be undone are rolled back: a CQL one has its undo script.
	private static String undoName(ResolvedMigration migration) {
		return (migration.type() == MigrationType.JAVA) ? migration.script()
				: Objects.requireNonNull(migration.undoScript(), migration.script());
	}

	private static MigrationRunItem dryRunItem(ResolvedMigration migration, List<CqlStatement> statements,
			String script) {
		List<String> texts = (migration.type() == MigrationType.JAVA) ? List.of(migration.script() + " (Java)")
				: statements.stream().map(CqlStatement::cql).toList();
		return new MigrationRunItem(migration.version().toString(), migration.description(), migration.type(), script,
				texts, 0);
	}

	static boolean looksAlreadyDone(RuntimeException ex) {
		if (ex instanceof AlreadyExistsException) {
			return true;
		}
		String message = String.valueOf(ex.getMessage()).toLowerCase(Locale.ROOT);
		return (ex instanceof InvalidQueryException) && (message.contains("already exist")
				|| message.contains("doesn't exist") || message.contains("does not exist")
				|| message.contains("conflicts with an existing column") || message.contains("was not found"));
	}

	private static String versions(List<HistoryEntry> entries) {
		return entries.stream().map((entry) -> entry.version().toString()).collect(Collectors.joining(", "));
	}

	private static @Nullable String laterOf(@Nullable String a, @Nullable String b) {
		if (a == null) {
			return b;
		}
		if (b == null) {
			return a;
		}
		return MigrationVersion.parse(a).isNewerThan(MigrationVersion.parse(b)) ? a : b;
	}

	private static @Nullable String versionText(@Nullable MigrationVersion version) {
		return (version != null) ? version.toString() : null;
	}

	private static String abbreviate(String cql) {
		String oneLine = cql.replaceAll("\\s+", " ");
		return (oneLine.length() > 200) ? oneLine.substring(0, 200) + "..." : oneLine;
	}

	static String count(long count, String noun) {
		return count + " " + noun + ((count == 1) ? "" : "s");
	}

	private static long millisSince(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
	}

}
