package dev.cqlmigrations.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import dev.cqlmigrations.core.DdlSessionSettings;
import dev.cqlmigrations.core.MigrationEngine;
import dev.cqlmigrations.core.MigrationSettings;
import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;
import dev.cqlmigrations.test.TestKeyspaces;
import dev.cqlmigrations.test.TestScripts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command of the command line against the real node, through {@link MigrationCommands} and
 * a {@link MigrationEngine}, without Spring: output and exit status.
 */
@EmbeddedCassandra
class MigrationCommandsIT {

	private static final String APPLIED_AT = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d";

	private static CqlSession session;

	@TempDir
	Path scripts;

	private String keyspace;

	private CassandraNode node;

	/** {@code migrations.target}, as the application's configuration would set it. */
	private String configuredTarget;

	private List<String> locations;

	@BeforeEach
	void keyspaceAndScripts(CassandraNode node) {
		this.node = node;
		this.keyspace = TestKeyspaces.unique("cli");
		TestScripts.usersAndOrders(this.scripts);
	}

	@AfterAll
	static void closeSession() {
		if (session != null) {
			session.close();
		}
	}

	@Test
	void statusOfANewKeyspaceListsEveryMigrationAsPending() {
		Result status = run("status");
		assertThat(status.exit()).isEqualTo(ExitStatus.OK);
		assertThat(status.out()).startsWith("Keyspace " + this.keyspace + ": no version applied\n")
			.contains("| 1       | create users   | CQL  | PENDING |")
			.contains("| 3       | create orders  | CQL  | PENDING |")
			.endsWith("Total: 3 | Applied: 0 | Pending: 3 | Failed: 0\n");
		assertThat(status.err()).isEmpty();
	}

	@Test
	void upAppliesEverythingAndStatusShowsItApplied() {
		Result up = run("up");
		assertThat(up.exit()).isEqualTo(ExitStatus.OK);
		assertThat(up.out()).startsWith("Applied 3 migrations to keyspace " + this.keyspace
				+ ": no version -> version 3 in ");
		Result status = run("status");
		assertThat(status.out()).startsWith("Keyspace " + this.keyspace + ": version 3\n")
			.containsPattern("\\| 2       \\| add user email \\| CQL  \\| APPLIED \\| " + APPLIED_AT + " \\| \\d+ ms")
			.endsWith("Total: 3 | Applied: 3 | Pending: 0 | Failed: 0\n");
		Result again = run("up");
		assertThat(again.exit()).isEqualTo(ExitStatus.OK);
		assertThat(again.out()).isEqualTo("Keyspace " + this.keyspace + " is up to date at version 3: nothing to apply.\n");
	}

	@Test
	void upDryRunPrintsTheStatementsAndChangesNothing() {
		Result dryRun = run("up", "--target", "2", "--dry-run");
		assertThat(dryRun.exit()).isEqualTo(ExitStatus.OK);
		assertThat(dryRun.out()).isEqualTo("Dry run: 2 migrations would be applied to keyspace " + this.keyspace
				+ " (now at no version); nothing was changed.\n"
				+ "V1 create users (V1__create_users.cql):\n"
				+ "    CREATE TABLE users (id uuid PRIMARY KEY, name text);\n"
				+ "V2 add user email (V2__add_user_email.cql):\n"
				+ "    ALTER TABLE users ADD email text;\n");
		assertThat(run("status").out()).contains("Total: 3 | Applied: 0 | Pending: 3 | Failed: 0");
	}

	@Test
	void upToATargetStopsThere() {
		assertThat(run("up", "--target", "2").out()).contains("no version -> version 2");
		assertThat(run("status").out()).contains("Total: 3 | Applied: 2 | Pending: 1 | Failed: 0");
	}

	@Test
	void statusAsJsonIsOneDocument() throws IOException {
		run("up", "--target", "1");
		Result status = run("status", "--json");
		assertThat(status.exit()).isEqualTo(ExitStatus.OK);
		Map<?, ?> json = new ObjectMapper().readValue(status.out(), Map.class);
		assertThat(json.get("keyspace")).isEqualTo(this.keyspace);
		assertThat(json.get("currentVersion")).isEqualTo("1");
		assertThat(json.get("pending")).isEqualTo(2);
		assertThat(map(json.get("counts"))).containsEntry("APPLIED", 1).containsEntry("PENDING", 2);
		List<?> migrations = (List<?>) json.get("migrations");
		assertThat(migrations.stream().map((migration) -> String.valueOf(((Map<?, ?>) migration).get("state"))))
			.containsExactly("APPLIED", "PENDING", "PENDING");
	}

	@Test
	void downRollsBackTheLastOneByDefaultThenStepsThenToATarget() {
		run("up");
		Result down = run("down");
		assertThat(down.exit()).isEqualTo(ExitStatus.OK);
		assertThat(down.out()).startsWith("Rolled back 1 migration in keyspace " + this.keyspace
				+ ": version 3 -> version 2 in ");
		run("up");
		assertThat(run("down", "--steps", "2").out()).contains("Rolled back 2 migrations", "version 3 -> version 1");
		run("up");
		assertThat(run("down", "--target", "0").out()).contains("Rolled back 3 migrations", "version 3 -> no version");
		assertThat(run("status").out()).contains("Total: 3 | Applied: 0 | Pending: 3 | Failed: 0")
			.contains("By state: Rolled back: 3");
	}

	@Test
	void downDryRunPrintsTheUndoStatementsAndChangesNothing() {
		run("up");
		Result dryRun = run("down", "--target", "1", "--dry-run");
		assertThat(dryRun.exit()).isEqualTo(ExitStatus.OK);
		assertThat(dryRun.out()).isEqualTo("Dry run: 2 migrations would be rolled back in keyspace " + this.keyspace
				+ " (now at version 3); nothing was changed.\n"
				+ "V3 create orders (U3__create_orders.cql):\n"
				+ "    DROP TABLE order_lines;\n"
				+ "    DROP TABLE orders;\n"
				+ "V2 add user email (U2__add_user_email.cql):\n"
				+ "    ALTER TABLE users DROP email;\n");
		assertThat(run("status").out()).contains("Total: 3 | Applied: 3 | Pending: 0 | Failed: 0");
	}

	@Test
	void engineErrorsPrintTheirMessageAndExitWithOne() {
		Result nothingApplied = run("down");
		assertThat(nothingApplied.exit()).isEqualTo(ExitStatus.FAILED);
		assertThat(nothingApplied.out()).isEmpty();
		assertThat(nothingApplied.err()).isEqualTo("Error: Nothing to roll back: no migration is applied in keyspace "
				+ this.keyspace + ".\n");
		Result unknownTarget = run("up", "--target", "9");
		assertThat(unknownTarget.exit()).isEqualTo(ExitStatus.FAILED);
		assertThat(unknownTarget.err()).startsWith("Error: Target version 9 (migrations.target) does not exist");
	}

	@Test
	void validatePassesThenFailsOnceAnAppliedScriptIsEdited() {
		run("up");
		Result valid = run("validate");
		assertThat(valid.exit()).isEqualTo(ExitStatus.OK);
		assertThat(valid.out()).isEqualTo("Validation passed: 3 migrations on disk agree with the history of keyspace "
				+ this.keyspace + " (version 3).\n");
		write("V2__add_user_email.cql", "ALTER TABLE users ADD email text; -- edited after it was applied");
		Result invalid = run("validate");
		assertThat(invalid.exit()).isEqualTo(ExitStatus.FAILED);
		assertThat(invalid.err()).startsWith("Error: Validation failed, nothing was changed:\n - ").contains("V2");
		assertThat(run("status").out()).contains("APPLIED (script changed)").contains("Validation would fail:");
		Result repair = run("repair");
		assertThat(repair.exit()).isEqualTo(ExitStatus.OK);
		assertThat(repair.out()).startsWith("Repaired keyspace " + this.keyspace + ":\n - V2: ");
		assertThat(run("validate").exit()).isEqualTo(ExitStatus.OK);
	}

	@Test
	void aFailingMigrationIsReportedThenRepaired() {
		write("V4__broken.cql", "CREATE TABLE broken (id int PRIMARY KEY);\nALTER TABLE no_such_table ADD x text;");
		Result up = run("up");
		assertThat(up.exit()).isEqualTo(ExitStatus.FAILED);
		assertThat(up.err()).startsWith("Error: Migration V4 (V4__broken.cql) failed at statement 2 of 2")
			.contains("migrate repair")
			.doesNotContain("\tat ");
		assertThat(run("status").out()).contains("| FAILED  |").contains("Total: 4 | Applied: 3 | Pending: 0 | Failed: 1");
		Result repair = run("repair");
		assertThat(repair.exit()).isEqualTo(ExitStatus.OK);
		// Statement 1 ran (the history says so, system_schema confirms): it is kept, never run again.
		assertThat(repair.out()).contains("V4: statement 1 of 2 took effect (recorded, or found in system_schema), so "
				+ "never runs again; it resumes at statement 2");
		assertThat(run("repair").out()).isEqualTo("Nothing to repair in keyspace " + this.keyspace + ".\n");
		assertThat(run("status").out()).contains("Total: 4 | Applied: 3 | Pending: 0 | Failed: 1");
		write("V4__broken.cql", "CREATE TABLE broken (id int PRIMARY KEY);\nALTER TABLE broken ADD x text;");
		assertThat(run("up").exit()).isEqualTo(ExitStatus.OK);
		assertThat(run("status").out()).contains("Total: 4 | Applied: 4 | Pending: 0 | Failed: 0");
	}

	@Test
	void debugAddsTheStackTraceOfAnError() {
		Result down = run("down", "--debug");
		assertThat(down.exit()).isEqualTo(ExitStatus.FAILED);
		assertThat(down.err()).startsWith("Error: Nothing to roll back").contains("RollbackException").contains("\tat ");
	}

	@Test
	void baselineMarksAnExistingSchemaOnlyOnce() {
		Result baseline = run("baseline", "--version", "2", "--description", "existing schema");
		assertThat(baseline.exit()).isEqualTo(ExitStatus.OK);
		assertThat(baseline.out()).isEqualTo("Baselined keyspace " + this.keyspace
				+ " at version 2: migrations up to it will not run, later ones will.\n");
		assertThat(run("status").out()).contains("| 1       | create users   | CQL  | BELOW_BASELINE |")
			.containsPattern("\\| 2       \\| add user email \\| CQL  \\| BASELINE       \\| " + APPLIED_AT
					+ " \\|                \\|")
			.contains("Total: 3 | Applied: 1 | Pending: 1 | Failed: 0");
		Result again = run("baseline", "--version", "3");
		assertThat(again.exit()).isEqualTo(ExitStatus.FAILED);
		assertThat(again.err()).startsWith("Error: Cannot baseline keyspace " + this.keyspace + " at version 3");
		Result up = run("up");
		assertThat(up.out()).contains("Applied 1 migration to keyspace", "version 2 -> version 3");
	}

	@Test
	void upHonoursMigrationsTargetAndTheTargetOptionOverridesIt() {
		this.configuredTarget = "1";
		Result up = run("up");
		assertThat(up.exit()).isEqualTo(ExitStatus.OK);
		assertThat(up.out()).startsWith("Applied 1 migration to keyspace " + this.keyspace
				+ ": no version -> version 1 in ");
		assertThat(run("up").out()).isEqualTo("Keyspace " + this.keyspace
				+ " is up to date at version 1 (target 1): nothing to apply.\n");
		assertThat(run("up", "--dry-run").out()).startsWith("Keyspace " + this.keyspace + " is up to date");
		assertThat(run("up", "--target", "2").out()).contains("version 1 -> version 2");
		assertThat(run("status").out()).contains("Total: 3 | Applied: 2 | Pending: 1 | Failed: 0");
	}

	@Test
	void aConfiguredTargetAboveTheLatestMigrationIsAnErrorAndAppliesNothing() {
		this.configuredTarget = "99";
		Result up = run("up");
		assertThat(up.exit()).isEqualTo(ExitStatus.FAILED);
		assertThat(up.err()).isEqualTo("Error: Target version 99 (migrations.target) does not exist: it is above the "
				+ "latest migration, V3 (V3__create_orders.cql), so that version cannot be reached and nothing was "
				+ "applied. Check that the newest scripts were deployed, or set the target to 3 or 'latest'.\n");
		assertThat(run("status").out()).contains("Total: 3 | Applied: 0 | Pending: 3 | Failed: 0");
		assertThat(run("up", "--target", "latest").out()).contains("no version -> version 3");
	}

	@Test
	void downRefusesEditedScriptsNamingThemUntilRepairAcceptsThem() {
		run("up", "--target", "2");
		// The audit's case: V2 edited after it was applied, U2 changed to drop V1's table too.
		write("V2__add_user_email.cql", "ALTER TABLE users ADD email text; -- edited");
		write("U2__add_user_email.cql", "ALTER TABLE users DROP email;\nDROP TABLE users;");
		Result down = run("down");
		assertThat(down.exit()).isEqualTo(ExitStatus.FAILED);
		assertThat(down.err()).startsWith("Error: Validation failed, nothing was changed:\n - ")
			.contains("V2 (V2__add_user_email.cql) was changed after it was applied")
			.contains("V2: its undo script U2__add_user_email.cql was changed after V2 was applied");
		assertThat(down.out()).isEmpty();
		assertThat(run("status").out()).contains("Total: 3 | Applied: 2 | Pending: 1 | Failed: 0");

		assertThat(run("repair").out()).contains(" - V2: accepted the script as it is now on disk");

		Result accepted = run("down");
		assertThat(accepted.exit()).isEqualTo(ExitStatus.OK);
		assertThat(accepted.out()).startsWith("Rolled back 1 migration in keyspace " + this.keyspace
				+ ": version 2 -> version 1 in ");
	}

	@Test
	void repairAfterAFailedUndoAsksWhatWasDoneAndRecordsIt() {
		write("U3__create_orders.cql", "DROP TABLE order_lines;\nDROP TABLE orders_typo;");
		run("up");
		Result down = run("down");
		assertThat(down.exit()).isEqualTo(ExitStatus.FAILED);
		assertThat(down.err()).contains("'migrate repair --undo-finished' (records V3 ROLLED_BACK)");
		Result undecided = run("repair");
		assertThat(undecided.exit()).isEqualTo(ExitStatus.FAILED);
		assertThat(undecided.err()).startsWith("Error: V3 (create orders): its rollback failed after 1 of 2 undo "
				+ "statements").endsWith("Nothing was repaired.\n");
		// The operator finishes the undo by hand.
		session(this.node).execute("DROP TABLE " + this.keyspace + ".orders");

		Result repair = run("repair", "--undo-finished");

		assertThat(repair.exit()).isEqualTo(ExitStatus.OK);
		assertThat(repair.out()).isEqualTo("Repaired keyspace " + this.keyspace + ":\n - V3: marked ROLLED_BACK, "
				+ "its undo finished by hand; the next migrate applies it again\n");
		assertThat(run("validate").exit()).isEqualTo(ExitStatus.OK);
		assertThat(run("status").out()).contains("Total: 3 | Applied: 2 | Pending: 1 | Failed: 0");
		assertThat(run("up").out()).contains("version 2 -> version 3");
	}

	@Test
	void downWaitingForTheLockPrintsTheHolderAndTheWait() throws Exception {
		run("up");
		Logger lockLogger = (Logger) LoggerFactory.getLogger("dev.cqlmigrations.core.MigrationLock");
		List<String> lines = new CopyOnWriteArrayList<>();
		CountDownLatch waiting = new CountDownLatch(1);
		AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {

			@Override
			protected void append(ILoggingEvent event) {
				lines.add(event.getFormattedMessage());
				waiting.countDown();
			}

		};
		appender.start();
		Level level = lockLogger.getLevel();
		lockLogger.setLevel(Level.INFO);
		lockLogger.addAppender(appender);
		ExecutorService otherRun = Executors.newSingleThreadExecutor();
		try {
			session(this.node).execute("INSERT INTO " + this.keyspace + ".migration_lock (name, owner, holder, "
					+ "acquired_at) VALUES ('migrations', 'other', 'ops@other-host [abcd1234]', toTimestamp(now())) "
					+ "USING TTL 60");
			// The other run finishes once the command has said that it waits.
			otherRun.submit(() -> {
				if (waiting.await(30, TimeUnit.SECONDS)) {
					session(this.node).execute("DELETE FROM " + this.keyspace + ".migration_lock WHERE name = "
							+ "'migrations'");
				}
				return null;
			});

			Result down = run("down");

			assertThat(down.exit()).isEqualTo(ExitStatus.OK);
			assertThat(down.out()).contains("version 3 -> version 2");
			assertThat(lines).first()
				.isEqualTo("Waiting for the migration lock held by ops@other-host [abcd1234] (up to 20 s, "
						+ "migrations.lock.wait-timeout)");
		}
		finally {
			otherRun.shutdownNow();
			lockLogger.detachAppender(appender);
			lockLogger.setLevel(level);
		}
	}

	@Test
	void createAndHelpNeverAskForTheEngine(@TempDir Path dir) {
		MigrationCommands commands = new MigrationCommands(() -> {
			throw new AssertionError("the engine must not be asked for");
		}, new MigrationFileCreator(), new PrintStream(new ByteArrayOutputStream()),
				new PrintStream(new ByteArrayOutputStream()));
		assertThat(commands.run(MigrateCommandLine.parse("migrate", "create", "x", "--dir", dir.toString())))
			.isEqualTo(ExitStatus.OK);
		assertThat(commands.run(MigrateCommandLine.parse("migrate", "help"))).isEqualTo(ExitStatus.OK);
	}

	@Test
	void aLocationThatDoesNotExistExitsOneNamingItAndCreatesNothing() {
		this.locations = List.of("classpath:db/casandra");

		Result up = run("up");

		assertThat(up.exit()).isEqualTo(ExitStatus.FAILED);
		assertThat(up.err()).contains("Migration location classpath:db/casandra does not exist");
		assertThat(session(this.node)
			.execute("SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?", this.keyspace)
			.one()).isNull();
	}

	private Result run(String... args) {
		String[] full = new String[args.length + 1];
		full[0] = "migrate";
		System.arraycopy(args, 0, full, 1, args.length);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		MigrationCommands commands = new MigrationCommands(this::engine, new MigrationFileCreator(),
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		ExitStatus exit = commands.run(MigrateCommandLine.parse(full));
		return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	private MigrationEngine engine() {
		return new MigrationEngine(session(this.node), MigrationSettings.builder(this.keyspace)
			.locations((this.locations != null) ? this.locations : List.of("filesystem:" + this.scripts))
			.lockWaitTimeout(Duration.ofSeconds(20))
			.installedBy("cli@test")
			.target(this.configuredTarget)
			.build());
	}

	private static synchronized CqlSession session(CassandraNode node) {
		if (session == null) {
			DriverConfigLoader config = DdlSessionSettings
				.applyTo(DriverConfigLoader.programmaticBuilder(), DdlSessionSettings.DEFAULT_REQUEST_TIMEOUT)
				.build();
			session = node.sessionBuilder().withConfigLoader(config).build();
		}
		return session;
	}

	private void write(String name, String content) {
		TestScripts.write(this.scripts, name, content);
	}

	private record Result(ExitStatus exit, String out, String err) {

	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object json) {
		return (Map<String, Object>) json;
	}

}
