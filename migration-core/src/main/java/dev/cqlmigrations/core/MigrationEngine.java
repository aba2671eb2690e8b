package dev.cqlmigrations.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration engine: loads and validates the migrations, compares them with the history, and
 * applies or rolls them back under the cluster-wide lock. Plain Java; the Spring auto-configuration,
 * the actuator endpoint and the command line all call this class.
 * <p>
 * A facade: each command is a class of its own ({@link ApplyMigrations}, {@link UndoMigrations},
 * {@link RepairHistory}, {@link BaselineHistory}), all running their changes through
 * {@link LockedRun}.
 * <p>
 * The session should be the engine's own, configured with {@link DdlSessionSettings}; the engine
 * switches its keyspace with {@code USE} while scripts run.
 */
public final class MigrationEngine {

	// The one-line outcome of a run, a logger of its own: the command line prints its own summary
	// and switches this one off, keeping the progress lines above.
	static final String SUMMARY_LOGGER = MigrationEngine.class.getName() + ".summary";

	private static final Logger logger = LoggerFactory.getLogger(MigrationEngine.class);

	private final EngineContext context;

	private final HistoryBootstrap bootstrap;

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
	public MigrationEngine(CqlSession session, MigrationSettings settings, @Nullable MigrationListener listener) {
		Objects.requireNonNull(session, "session");
		Objects.requireNonNull(settings, "settings");
		this.context = new EngineContext(session, settings, (listener != null) ? listener : MigrationListener.NONE,
				new HistoryTable(session, settings), new MigrationLock(session, settings));
		this.bootstrap = new HistoryBootstrap(this.context);
		LocalConsistencyWarning.logIfMultiDatacenter(session, settings);
	}

	/**
	 * The settings in use.
	 * @return the settings
	 */
	public MigrationSettings settings() {
		return this.context.settings();
	}

	/**
	 * Loads and validates the migrations on disk and the Java migrations, without the cluster.
	 * @return the migrations, ordered by version
	 * @throws MigrationLoadException when a file name, pair or version is invalid
	 * @throws MigrationScriptException when a script cannot be parsed
	 */
	public List<ResolvedMigration> load() {
		MigrationSettings settings = settings();
		MigrationLoader loader = new MigrationLoader(new ScriptScanner(settings.classLoader()),
				new Placeholders(settings.placeholders()));
		List<ResolvedMigration> migrations = loader.load(settings.locations(), settings.javaMigrations());
		EngineTablesGuard.check(migrations, settings);
		if (migrations.isEmpty()) {
			logger.warn("No migrations found in {}", settings.locations());
		}
		return migrations;
	}

	/**
	 * Status of every migration, from one read of the history.
	 * @return the report
	 */
	public StatusReport status() {
		List<ResolvedMigration> loaded = load();
		MigrationPlan plan = MigrationPlan.of(loaded, this.context.history().readAll(), settings().outOfOrder(),
				MigrationVersion.LATEST);
		return new StatusReport(settings().keyspace(), ApplyMigrations.versionText(plan.current()), plan.infos(),
				plan.problems());
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
			return this.context.lock().currentHolder();
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
		return migrate(settings().target(), false);
	}

	/**
	 * Applies the pending migrations.
	 * @param target the highest version to apply, {@code null} or {@code "latest"} for all
	 * @param dryRun whether to only report what would run
	 * @return what ran, or would run
	 * @throws MigrationConfigurationException when the target is not a version
	 */
	public MigrationRunResult migrate(@Nullable String target, boolean dryRun) {
		List<ResolvedMigration> loaded = load();
		MigrationVersion version = SettingsValidation.parseTarget(target);
		return new ApplyMigrations(this.context, this.bootstrap).run(loaded, version, dryRun);
	}

	/**
	 * Rolls back applied migrations, newest first, with their undo scripts.
	 * @param request what to roll back
	 * @return what ran, or would run
	 * @throws RollbackException when the request cannot be carried out; nothing was changed
	 */
	public MigrationRunResult rollback(RollbackRequest request) {
		return new UndoMigrations(this.context).run(load(), request);
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
		return new RepairHistory(this.context, this.bootstrap).run(load(), failedUndo);
	}

	/**
	 * Marks an existing schema as being at a version, without running scripts: migrations up to
	 * it never run, later ones do.
	 * @param version the version the schema is at
	 * @param description recorded with it, {@code null} for the default
	 * @throws MigrationException when the history already has migrations
	 */
	public void baseline(String version, @Nullable String description) {
		baseline(MigrationSettings.parseVersion(version, "baseline version"), description);
	}

	/**
	 * Marks an existing schema as being at a version, without running scripts.
	 * @param version the version the schema is at
	 * @param description recorded with it, {@code null} for the default
	 * @throws MigrationException when the history already has migrations
	 */
	public void baseline(MigrationVersion version, @Nullable String description) {
		new BaselineHistory(this.context, this.bootstrap).run(version, description);
	}

	static MigrationRunItem dryRunItem(ResolvedMigration migration, List<CqlStatement> statements, String script) {
		List<String> texts = (migration.type() == MigrationType.JAVA) ? List.of(migration.script() + " (Java)")
				: statements.stream().map(CqlStatement::cql).toList();
		return new MigrationRunItem(migration.version().toString(), migration.description(), migration.type(), script,
				texts, 0);
	}

	static String count(long count, String noun) {
		return count + " " + noun + ((count == 1) ? "" : "s");
	}

	static long millisSince(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
	}

}
