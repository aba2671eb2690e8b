package dev.cqlmigrations.core;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cqlmigrations.core.CqlProxy.Fault;
import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Statements whose outcome the engine cannot know from the answer: the connection to the real
 * node is lost (through {@link CqlProxy}) after the statement was sent, or before it arrived, or
 * the node becomes unreachable. The engine asks system_schema what happened, records only what is
 * true, and never runs again what is known to have taken effect.
 */
@EmbeddedCassandra
class UnknownOutcomeIT {

	private static final String FOUR_TABLES = "CREATE TABLE a (id int PRIMARY KEY);\n"
			+ "CREATE TABLE b (id int PRIMARY KEY);\nCREATE TABLE c (id int PRIMARY KEY);\n"
			+ "CREATE TABLE d (id int PRIMARY KEY);\n";

	private CqlProxy proxy;

	private CqlSession proxied;

	@BeforeEach
	void proxy(CassandraNode node) throws IOException {
		this.proxy = new CqlProxy(node.contactPoint());
		this.proxied = proxiedSession(node, DdlSessionSettings
			.applyTo(DriverConfigLoader.programmaticBuilder(), DdlSessionSettings.DEFAULT_REQUEST_TIMEOUT)
			.withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(100))
			.withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofMillis(500))
			.build());
	}

	/** A session that reaches the node only through the proxy, so that faults can be injected. */
	private CqlSession proxiedSession(CassandraNode node, DriverConfigLoader config) {
		CqlSessionBuilder builder = CqlSession.builder()
			.addContactPoint(this.proxy.address())
			.withLocalDatacenter(node.localDatacenter())
			.withConfigLoader(config);
		if (node.username() != null) {
			builder.withAuthCredentials(node.username(), node.password());
		}
		return builder.build();
	}

	@AfterEach
	void close() throws IOException {
		this.proxied.close();
		this.proxy.close();
	}

	private MigrationEngine proxiedEngine(EngineFixture fixture) {
		return new MigrationEngine(this.proxied, fixture.settings()
			.schemaAgreementTimeout(Duration.ofSeconds(5))
			.lockTtl(Duration.ofSeconds(3))
			.build());
	}

	/** A fixture whose one migration, V1, creates tables a, b, c and d, one statement each. */
	private static EngineFixture fourTables(CassandraNode node, Path dir, String hint) {
		return new EngineFixture(node, dir, hint).write("V1__four.cql", FOUR_TABLES);
	}

	/** A fixture whose V1 failed on the node at statement 3 (a type that does not exist): a and b exist. */
	private static EngineFixture failedAtTableC(CassandraNode node, Path dir, String hint) {
		EngineFixture fixture = new EngineFixture(node, dir, hint).write("V1__four.cql", FOUR_TABLES
			.replace("CREATE TABLE c (id int PRIMARY KEY)", "CREATE TABLE c (id int PRIMARY KEY, v no_such_type)"));
		assertThatExceptionOfType(MigrationExecutionException.class).isThrownBy(() -> fixture.engine().migrate());
		return fixture;
	}

	/** Runs V1 of {@link #fourTables} through the proxy, which fails {@code CREATE TABLE c} with the fault. */
	private ThrowableAssertAlternative<MigrationExecutionException> assertRunFailsAtTableC(EngineFixture fixture,
			Fault fault) {
		this.proxy.failAt("CREATE TABLE c", fault);
		return assertThatExceptionOfType(MigrationExecutionException.class)
			.isThrownBy(() -> proxiedEngine(fixture).migrate())
			.withMessageContaining("failed at statement 3 of 4");
	}

	private static void assertAllFourTablesExist(EngineFixture fixture) {
		assertThat(List.of("a", "b", "c", "d")).allMatch((table) -> fixture.tableExists(fixture.keyspace, table));
	}

	@Test
	void aSchemaChangeWhoseAnswerIsLostIsFoundInSystemSchemaAndTheRunGoesOn(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = fourTables(node, dir, "lost_answer");
		this.proxy.failAt("CREATE TABLE c", Fault.LOSE_ANSWER);

		MigrationRunResult result = proxiedEngine(fixture).migrate();

		assertThat(this.proxy.triggered()).isTrue();
		assertThat(result.migrations()).hasSize(1);
		assertThat(fixture.history()).containsExactly("1:APPLIED:4");
		assertAllFourTablesExist(fixture);
	}

	@Test
	void aSchemaChangeThatTimesOutOnTheClientButRanOnTheNodeIsFoundAndTheRunGoesOn(CassandraNode node,
			@TempDir Path dir) {
		EngineFixture fixture = fourTables(node, dir, "client_timeout");
		// The answer comes 6 s late; the client gives up after 2 s.
		try (CqlSession impatient = proxiedSession(node,
				DdlSessionSettings.applyTo(DriverConfigLoader.programmaticBuilder(), Duration.ofSeconds(2)).build())) {
			this.proxy.failAt("CREATE TABLE c", Fault.DELAY_ANSWER);

			new MigrationEngine(impatient, fixture.settings().schemaAgreementTimeout(Duration.ofSeconds(15)).build())
				.migrate();
		}

		assertThat(this.proxy.triggered()).isTrue();
		assertThat(fixture.history()).containsExactly("1:APPLIED:4");
		assertAllFourTablesExist(fixture);
	}

	@Test
	void aSchemaChangeThatNeverArrivedIsRecordedTruthfullyAndRunsOnTheNextRun(CassandraNode node,
			@TempDir Path dir) {
		EngineFixture fixture = fourTables(node, dir, "lost_request");

		assertRunFailsAtTableC(fixture, Fault.LOSE_REQUEST)
			.withMessageContaining("No answer came back for that statement; system_schema shows that it did not "
					+ "take effect")
			.withMessageContaining("records V1 as FAILED after 2 statements");
		assertThat(fixture.history()).containsExactly("1:FAILED:2");
		assertThat(fixture.tableExists(fixture.keyspace, "c")).isFalse();
		assertThat(fixture.historyRow("1").getString("error")).startsWith(PendingMigration.OUTCOME_UNKNOWN);

		fixture.engine().migrate();

		assertThat(fixture.history()).containsExactly("1:APPLIED:4");
		assertThat(fixture.tableExists(fixture.keyspace, "d")).isTrue();
	}

	@Test
	void aStatementWhoseEffectTheSchemaCannotShowIsReportedAsUnknownAndCheckedAgainOnResume(CassandraNode node,
			@TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "unknown");
		fixture.write("V1__data.cql", "CREATE TABLE a (id int PRIMARY KEY, v int);\n"
				+ "INSERT INTO a (id, v) VALUES (1, 42);\nCREATE TABLE b (id int PRIMARY KEY);\n");
		this.proxy.failAt("VALUES (1, 42)", Fault.LOSE_ANSWER);

		assertThatExceptionOfType(MigrationExecutionException.class)
			.isThrownBy(() -> proxiedEngine(fixture).migrate())
			.withMessageContaining("failed at statement 2 of 3")
			.withMessageContaining("it is not known whether it took effect")
			.withMessageContaining("with statement 2 of unknown outcome")
			.withMessageContaining("it is a data statement, so it runs again (keep it idempotent)")
			.withMessageNotContaining(": null");
		assertThat(fixture.history()).containsExactly("1:FAILED:1");

		fixture.engine().migrate();

		assertThat(fixture.history()).containsExactly("1:APPLIED:3");
		assertThat(fixture.session.execute("SELECT v FROM " + fixture.keyspace + ".a WHERE id = 1").one().getInt(0))
			.isEqualTo(42);
	}

	@Test
	void whenTheNodeBecomesUnreachableTheMessageSaysWhatTheHistoryReallyHolds(CassandraNode node,
			@TempDir Path dir) {
		EngineFixture fixture = fourTables(node, dir, "node_down");

		assertRunFailsAtTableC(fixture, Fault.NODE_DOWN)
			.withMessageContaining("it is not known whether it took effect")
			.withMessageContaining("The history could not be updated")
			.withMessageContaining("it still shows V1 as IN_PROGRESS")
			.withMessageNotContaining("as FAILED")
			.withMessageNotContaining(": null");
		assertThat(fixture.history()).containsExactly("1:IN_PROGRESS:2");

		this.proxy.restore();
		fixture.engine().migrate();

		assertThat(fixture.history()).containsExactly("1:APPLIED:4");
	}

	@Test
	void repairKeepsTheStatementsThatTookEffectInsteadOfRestartingFromTheFirst(CassandraNode node,
			@TempDir Path dir) {
		EngineFixture fixture = failedAtTableC(node, dir, "repair_keep");
		// Then statement 3 is run by hand, as a timed-out statement that ran on the server would be.
		fixture.write("V1__four.cql", FOUR_TABLES);
		fixture.session.execute("CREATE TABLE " + fixture.keyspace + ".c (id int PRIMARY KEY)");
		assertThatExceptionOfType(MigrationExecutionException.class).isThrownBy(() -> fixture.engine().migrate())
			.withMessageContaining("already exists");

		List<String> repaired = fixture.engine().repair();

		assertThat(repaired).containsExactly("V1: statements 1-3 of 4 took effect (recorded, or found in "
				+ "system_schema), so never run again; it resumes at statement 4");
		assertThat(fixture.history()).containsExactly("1:FAILED:3");
		fixture.engine().migrate();
		assertThat(fixture.history()).containsExactly("1:APPLIED:4");
		assertThat(fixture.tableExists(fixture.keyspace, "d")).isTrue();
	}

	@Test
	void repairStartsOverWhenTheOperatorUndidWhatTheFailedRunCreated(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = failedAtTableC(node, dir, "repair_undone");
		fixture.session.execute("DROP TABLE " + fixture.keyspace + ".a");
		fixture.session.execute("DROP TABLE " + fixture.keyspace + ".b");
		fixture.write("V1__four.cql", FOUR_TABLES);

		assertThat(fixture.engine().repair()).containsExactly("V1: removed the FAILED entry; it runs again from its "
				+ "first statement");
		fixture.engine().migrate();
		assertThat(fixture.history()).containsExactly("1:APPLIED:4");
		assertAllFourTablesExist(fixture);
	}

}
