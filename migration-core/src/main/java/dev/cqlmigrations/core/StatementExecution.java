package dev.cqlmigrations.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;

import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.servererrors.AlreadyExistsException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one statement (or one Java migration) of a migration being applied, and decides what its
 * failure means: an error recorded as FAILED with where to resume, or a statement that got no
 * answer, whose outcome system_schema may still tell.
 */
final class StatementExecution {

	// Long enough for the driver to reconnect a lost channel, short enough not to be noticed.
	private static final Duration RECONNECT_PAUSE = Duration.ofMillis(500);

	// The engine's logger: operators (and tests) follow one logger for a run.
	private static final Logger logger = LoggerFactory.getLogger(MigrationEngine.class);

	private final EngineContext context;

	private final StatementRunner runner;

	StatementExecution(EngineContext context, StatementRunner runner) {
		this.context = context;
		this.runner = runner;
	}

	/**
	 * Runs statement {@code index} of a migration. Returns when it took effect (also when an earlier
	 * run that died had already run it); otherwise records FAILED and throws.
	 * @param entry the IN_PROGRESS row of this run
	 * @param done checksum of the statements before this one
	 * @param mayHaveRunBefore whether an earlier run may have run it without recording it
	 */
	void run(ResolvedMigration migration, HistoryEntry entry, int index, ProgressChecksum done,
			boolean mayHaveRunBefore) {
		CqlStatement statement = migration.statements().get(index);
		if (mayHaveRunBefore && StatementRunner.isSchemaChange(statement.cql())
				&& Boolean.TRUE.equals(inEffect(statement.cql(), false))) {
			logger.warn("Statement {} of V{} (line {}) already took effect in an earlier run that got no answer or "
					+ "died before recording it (checked in system_schema); continuing after it", index + 1,
					migration.version(), statement.line());
			return;
		}
		try {
			this.runner.run(statement.cql());
		}
		catch (SchemaAgreementException ex) {
			// The statement itself ran: count it, so that a resumed run continues after it.
			int ranChecksum = ProgressChecksum.of(migration.statements(), index + 1);
			throw fail(migration, entry, index + 1, ranChecksum, describe(ex), ex);
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
				unknownOutcome(migration, entry, statement, index, done, ex, head);
				return;
			}
			String message = head + "The history records V" + migration.version() + " as FAILED after "
					+ MigrationEngine.count(index, "statement") + "; nothing after the failed statement ran. Fix that "
					+ "statement" + ((index == 0) ? "" : (index == 1) ? " (keep the one before it unchanged)"
							: " (keep the " + index + " before it unchanged)")
					+ " and run the migration again: it resumes at statement " + (index + 1) + ". If you changed the "
					+ "schema by hand instead, run 'migrate repair'.";
			throw fail(migration, entry, index, done.value(), describe(ex),
					new MigrationExecutionException(message, migration.version(), index, ex));
		}
	}

	/**
	 * The statement was sent but no answer came back: finds out from the schema tables whether it
	 * took effect. Returns when it did (the run goes on); otherwise records FAILED, saying what is
	 * known, so that the next run checks again before running it.
	 */
	private void unknownOutcome(ResolvedMigration migration, HistoryEntry entry, CqlStatement statement, int index,
			ProgressChecksum done, RuntimeException ex, String head) {
		boolean schemaChange = StatementRunner.isSchemaChange(statement.cql());
		Boolean inEffect = schemaChange ? inEffect(statement.cql(), true) : null;
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
				+ migration.version() + " as FAILED after " + MigrationEngine.count(index, "statement")
				+ ", with statement " + (index + 1) + " of unknown outcome; nothing after it ran. Run the migration "
				+ "again: it resumes at statement " + (index + 1)
				+ (schemaChange ? ", first checks system_schema and skips it when it took effect in the meantime."
						: "; it is a data statement, so it runs again (keep it idempotent).");
		throw fail(migration, entry, index, done.value(), PendingMigration.OUTCOME_UNKNOWN + describe(ex),
				new MigrationExecutionException(message, migration.version(), index, ex));
	}

	/**
	 * Asks system_schema whether a statement took effect, once the nodes agree. After a lost
	 * connection the driver needs a moment to reconnect, so failed reads are retried for a while.
	 * @return {@code null} when the schema cannot tell or cannot be read
	 */
	@Nullable Boolean inEffect(String cql, boolean retry) {
		SchemaProbe probe = new SchemaProbe(this.context.session());
		try {
			return Retry.untilDeadline(shortest(Duration.ofSeconds(15)), RECONNECT_PAUSE, (ex) -> retry,
					StatementExecution::interrupted, () -> {
						this.runner.awaitAgreement();
						return probe.inEffect(cql, this.runner.currentKeyspace());
					});
		}
		catch (RuntimeException ex) {
			if (Thread.currentThread().isInterrupted()) {
				throw ex;
			}
			logger.warn("Cannot tell from system_schema whether a statement took effect: {}", describe(ex));
			return null;
		}
	}

	/**
	 * Runs a Java migration's {@code up}, then waits for schema agreement; records FAILED and throws
	 * when it fails.
	 * @param entry the IN_PROGRESS row of this run
	 */
	void runJava(ResolvedMigration migration, HistoryEntry entry) {
		this.runner.resetKeyspace();
		try {
			migration.java().up(this.context.session());
			this.runner.awaitAgreement();
		}
		catch (SchemaAgreementException ex) {
			throw fail(migration, entry, 1, null, describe(ex), ex);
		}
		catch (Exception ex) {
			String message = "Java migration V" + migration.version() + " (" + migration.script() + ") failed: "
					+ ex.getMessage() + ". The history records it as FAILED; fix it and run the migration again (it "
					+ "runs again from the start, so make it safe to repeat), or run 'migrate repair' after fixing the "
					+ "schema by hand.";
			throw fail(migration, entry, 0, null, describe(ex),
					new MigrationExecutionException(message, migration.version(), 0, ex));
		}
	}

	private MigrationException fail(ResolvedMigration migration, HistoryEntry entry, int statementsDone,
			@Nullable Integer doneChecksum, String errorText, MigrationException error) {
		HistoryEntry failed = entry.failed(statementsDone, doneChecksum, errorText, this.context.installedBy(),
				Instant.now());
		// Right after a lost connection the driver needs a moment to reconnect: retry briefly.
		try {
			Retry.untilDeadline(shortest(Duration.ofSeconds(5)), RECONNECT_PAUSE, DriverException.class::isInstance,
					StatementExecution::interrupted, () -> {
						this.context.history().save(failed);
						return failed;
					});
		}
		catch (RuntimeException saveFailure) {
			error = unrecorded(error, migration, statementsDone, saveFailure);
		}
		logger.error("Migration V{} {} failed: {}", migration.version(), migration.description(), errorText);
		this.context.listener().migrationFailed(migration.version().toString(), migration.description(), error);
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
		return ex.getClass().getSimpleName() + ((cause != null && cause != ex) ? " (" + describe(cause) + ")" : "");
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

	private static String abbreviate(String cql) {
		String oneLine = cql.replaceAll("\\s+", " ");
		return (oneLine.length() > 200) ? oneLine.substring(0, 200) + "..." : oneLine;
	}

	// Retries after a lost connection never outlast the configured schema agreement timeout.
	private Duration shortest(Duration cap) {
		Duration agreement = this.context.settings().schemaAgreementTimeout();
		return (agreement.compareTo(cap) < 0) ? agreement : cap;
	}

	private static MigrationException interrupted() {
		return new MigrationException("Interrupted while waiting for Cassandra to answer again");
	}

}
