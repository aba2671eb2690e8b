package dev.cqlmigrations.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.cqlmigrations.autoconfigure.TestApplication;
import dev.cqlmigrations.core.MigrationEngine;
import dev.cqlmigrations.test.ClusterProbe;
import dev.cqlmigrations.test.EmbeddedCassandra;
import dev.cqlmigrations.test.TestKeyspaces;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code migrations} endpoint over real HTTP, with rollbacks enabled. Every test starts from
 * the three migrations of {@code db/it/basic} applied.
 */
@EmbeddedCassandra
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "migrations.locations=classpath:db/it/basic", "migrations.placeholders.orders_ttl=3600",
				"migrations.installed-by=endpoint-it", "migrations.rollback-enabled=true",
				"migrations.lock.wait-timeout=2s", "management.endpoints.web.exposure.include=health,migrations",
				"management.endpoint.migrations.access=unrestricted",
				"management.endpoint.health.show-components=always", "management.endpoint.health.show-details=always" })
class MigrationsEndpointIT {

	static final String KEYSPACE = TestKeyspaces.unique("endpoint");

	@DynamicPropertySource
	static void keyspace(DynamicPropertyRegistry registry) {
		registry.add("migrations.keyspace", () -> KEYSPACE);
	}

	@LocalServerPort
	int port;

	@Autowired
	MigrationEngine engine;

	ActuatorClient actuator;

	@BeforeEach
	void allApplied(CqlSession session) {
		session.execute("DELETE FROM " + KEYSPACE + ".migration_lock WHERE name = 'migrations'");
		this.engine.migrate();
		this.actuator = new ActuatorClient(this.port);
	}

	@Test
	void statusDescribesEveryMigration() {
		ActuatorClient.Response response = this.actuator.get("/migrations");

		assertThat(response.status()).isEqualTo(200);
		assertThat((String) response.read("$.keyspace")).isEqualTo(KEYSPACE);
		assertThat((String) response.read("$.currentVersion")).isEqualTo("3");
		assertThat((Integer) response.read("$.pending")).isZero();
		assertThat((Integer) response.read("$.counts.APPLIED")).isEqualTo(3);
		assertThat((Integer) response.read("$.counts.PENDING")).isZero();
		assertThat((List<?>) response.read("$.problems")).isEmpty();
		// Null values are left out, as in Spring Boot's other endpoints.
		assertThat((Map<String, Object>) response.read("$")).doesNotContainKey("lockHolder");
		assertThat((List<String>) response.read("$.migrations[*].version")).containsExactly("1", "2", "3");
		Map<String, Object> orders = response.read("$.migrations[2]");
		assertThat(orders).containsEntry("description", "create orders")
			.containsEntry("type", "CQL")
			.containsEntry("script", "V3__create_orders.cql")
			.containsEntry("state", "APPLIED")
			.containsEntry("checksumDrift", false)
			.containsEntry("undoAvailable", true)
			.containsEntry("statementsDone", 2)
			.containsEntry("statementsTotal", 2)
			.containsEntry("installedBy", "endpoint-it")
			.containsKeys("appliedAt", "executionTime")
			.doesNotContainKey("error");
		assertThat(orders.get("checksum")).isNotNull().isEqualTo(orders.get("appliedChecksum"));
		assertThat(orders.get("appliedAt")).isNotNull();
	}

	@Test
	void rollsBackTheLastMigrationWithoutBodyAndWithoutContentType(CqlSession session) {
		ActuatorClient.Response response = this.actuator.postWithoutBody("/migrations/rollback");

		assertThat(response.status()).isEqualTo(200);
		assertThat((String) response.read("$.versionAfter")).isEqualTo("2");
		assertThat(tableExists(session, "orders")).isFalse();
	}

	@Test
	void rollsBackTheLastMigration(CqlSession session) {
		ActuatorClient.Response response = this.actuator.post("/migrations/rollback", "{}");

		assertThat(response.status()).isEqualTo(200);
		assertThat((Boolean) response.read("$.dryRun")).isFalse();
		assertThat((String) response.read("$.versionBefore")).isEqualTo("3");
		assertThat((String) response.read("$.versionAfter")).isEqualTo("2");
		assertThat((List<String>) response.read("$.migrations[*].version")).containsExactly("3");
		assertThat((String) response.read("$.migrations[0].script")).isEqualTo("U3__create_orders.cql");
		assertThat((List<String>) response.read("$.migrations[0].statements")).anySatisfy(
				(statement) -> assertThat(statement).contains("DROP TABLE orders"));
		assertThat(tableExists(session, "orders")).isFalse();
		ActuatorClient.Response status = this.actuator.get("/migrations");
		assertThat((String) status.read("$.currentVersion")).isEqualTo("2");
		assertThat((String) status.read("$.migrations[2].state")).isEqualTo("ROLLED_BACK");
		assertThat((String) status.read("$.migrations[2].rolledBackAt")).isNotNull();
		assertThat((Integer) status.read("$.pending")).isEqualTo(1);
	}

	@Test
	void healthStaysUpAfterARollbackListingThePendingVersion() {
		this.actuator.post("/migrations/rollback", "{}");
		ActuatorClient.Response rolledBack = this.actuator.get("/health/migrations");
		assertThat(rolledBack.status()).isEqualTo(200);
		assertThat((String) rolledBack.read("$.status")).isEqualTo("UP");
		assertThat((Integer) rolledBack.read("$.details.pending")).isEqualTo(1);
		assertThat((List<String>) rolledBack.read("$.details.pendingVersions")).containsExactly("3");

		this.engine.migrate();

		ActuatorClient.Response migrated = this.actuator.get("/health/migrations");
		assertThat(migrated.status()).isEqualTo(200);
		assertThat((String) migrated.read("$.details.currentVersion")).isEqualTo("3");
		assertThat((Integer) migrated.read("$.details.pending")).isEqualTo(0);
	}

	@Test
	void rollsBackToATarget(CqlSession session) {
		ActuatorClient.Response response = this.actuator.post("/migrations/rollback", "{\"target\": \"1\"}");

		assertThat(response.status()).isEqualTo(200);
		assertThat((List<String>) response.read("$.migrations[*].version")).containsExactly("3", "2");
		assertThat((String) response.read("$.versionAfter")).isEqualTo("1");
		assertThat(columns(session, "users")).containsExactlyInAnyOrder("id", "name");
	}

	@Test
	void rollsBackANumberOfSteps() {
		ActuatorClient.Response response = this.actuator.post("/migrations/rollback", "{\"steps\": 2}");

		assertThat(response.status()).isEqualTo(200);
		assertThat((List<String>) response.read("$.migrations[*].version")).containsExactly("3", "2");
		assertThat((String) response.read("$.versionAfter")).isEqualTo("1");
	}

	@Test
	void dryRunReportsTheUndoStatementsAndChangesNothing(CqlSession session) {
		ActuatorClient.Response response = this.actuator.post("/migrations/rollback",
				"{\"target\": \"0\", \"dryRun\": true}");

		assertThat(response.status()).isEqualTo(200);
		assertThat((Boolean) response.read("$.dryRun")).isTrue();
		assertThat((List<String>) response.read("$.migrations[*].version")).containsExactly("3", "2", "1");
		assertThat((List<String>) response.read("$.migrations[2].statements")).containsExactly("DROP TABLE users");
		assertThat((String) response.read("$.versionAfter")).isEqualTo("3");
		assertThat(tableExists(session, "orders")).isTrue();
		assertThat(tableExists(session, "users")).isTrue();
		ActuatorClient.Response status = this.actuator.get("/migrations");
		assertThat((Integer) status.read("$.counts.APPLIED")).isEqualTo(3);
	}

	@Test
	void nothingToRollBackIsAConflict() {
		assertThat(this.actuator.post("/migrations/rollback", "{\"target\": \"0\"}").status()).isEqualTo(200);

		ActuatorClient.Response response = this.actuator.post("/migrations/rollback", "{}");

		assertThat(response.status()).isEqualTo(409);
		assertThat((Integer) response.read("$.status")).isEqualTo(409);
		assertThat((String) response.read("$.message")).startsWith("Nothing to roll back: no migration is applied");
	}

	@Test
	void targetAboveTheCurrentVersionIsAConflict() {
		ActuatorClient.Response response = this.actuator.post("/migrations/rollback", "{\"target\": \"7\"}");

		assertThat(response.status()).isEqualTo(409);
		assertThat((String) response.read("$.message"))
			.contains("Rollback target 7 is above the current version 3");
	}

	@Test
	void unknownTargetIsAConflict() {
		ActuatorClient.Response response = this.actuator.post("/migrations/rollback", "{\"target\": \"2.5\"}");

		assertThat(response.status()).isEqualTo(409);
		assertThat((String) response.read("$.message")).contains("Unknown rollback target 2.5");
	}

	@Test
	void targetAtTheCurrentVersionIsAConflict() {
		ActuatorClient.Response response = this.actuator.post("/migrations/rollback", "{\"target\": \"3\"}");

		assertThat(response.status()).isEqualTo(409);
		assertThat((String) response.read("$.message")).contains("already at version 3");
	}

	@Test
	void moreStepsThanAppliedIsAConflict() {
		ActuatorClient.Response response = this.actuator.post("/migrations/rollback", "{\"steps\": 4}");

		assertThat(response.status()).isEqualTo(409);
		assertThat((String) response.read("$.message")).contains("only 3 are applied");
	}

	@Test
	void malformedRequestsAreBadRequests() {
		assertBadRequest(this.actuator.post("/migrations/rollback", "{\"target\": \"1\", \"steps\": 1}"),
				"either 'target' or 'steps'");
		assertBadRequest(this.actuator.post("/migrations/rollback", "{\"steps\": 0}"), "Invalid 'steps' 0");
		assertBadRequest(this.actuator.post("/migrations/rollback", "{\"target\": \"v1\"}"), "Invalid 'target'");
		assertBadRequest(this.actuator.post("/migrations/undo", "{}"), "Unknown action 'undo'");
		assertBadRequest(this.actuator.post("/migrations/rollback", "{\"expectedVersion\": \"v3\"}"),
				"Invalid 'expectedVersion'");
		assertThat(this.actuator.post("/migrations/rollback", "{\"steps\": \"many\"}").status()).isEqualTo(400);
		assertThat((Integer) this.actuator.get("/migrations").read("$.counts.APPLIED")).isEqualTo(3);
	}

	@Test
	void aLockHeldByAnotherInstanceIsAConflictNamingTheHolder(CqlSession session) {
		session.execute("INSERT INTO " + KEYSPACE + ".migration_lock (name, owner, holder, acquired_at) "
				+ "VALUES ('migrations', 'other-owner', 'deployer@other-host [0badcafe]', toTimestamp(now())) "
				+ "USING TTL 60");

		assertThat((String) this.actuator.get("/migrations").read("$.lockHolder"))
			.isEqualTo("deployer@other-host [0badcafe]");
		ActuatorClient.Response response = this.actuator.post("/migrations/rollback", "{}");

		assertThat(response.status()).isEqualTo(409);
		assertThat((String) response.read("$.message"))
			.contains("Another run holds the migration lock in " + KEYSPACE + ".migration_lock: "
					+ "deployer@other-host [0badcafe]. Nothing was changed.")
			.doesNotContain("Timed out");
		assertThat(tableExists(session, "orders")).isTrue();
	}

	@Test
	void aRollbackNeverWaitsForTheLockEvenWhenItWouldSoonBeFree(CqlSession session) throws Exception {
		// The audit's case: the other run finishes while the request waits, and a waiting request then
		// goes on and undoes a second migration. The other run "finishes" as soon as anyone waits.
		session.execute("INSERT INTO " + KEYSPACE + ".migration_lock (name, owner, holder, acquired_at) "
				+ "VALUES ('migrations', 'other-owner', 'deployer@other-host [0badcafe]', toTimestamp(now())) "
				+ "USING TTL 60");
		Logger lockLogger = (Logger) LoggerFactory.getLogger("dev.cqlmigrations.core.MigrationLock");
		CountDownLatch waiting = new CountDownLatch(1);
		AppenderBase<ILoggingEvent> waitingLine = new AppenderBase<>() {

			@Override
			protected void append(ILoggingEvent event) {
				if (event.getFormattedMessage().startsWith("Waiting for the migration lock")) {
					waiting.countDown();
				}
			}

		};
		waitingLine.start();
		lockLogger.addAppender(waitingLine);
		ExecutorService otherRun = Executors.newSingleThreadExecutor();
		try {
			otherRun.submit(() -> {
				if (waiting.await(30, TimeUnit.SECONDS)) {
					session.execute("DELETE FROM " + KEYSPACE + ".migration_lock WHERE name = 'migrations'");
				}
				return null;
			});

			ActuatorClient.Response response = this.actuator.post("/migrations/rollback", "{\"steps\": 1}");

			assertThat(response.status()).as(response.body()).isEqualTo(409);
			assertThat((String) response.read("$.message")).contains("Another run holds the migration lock");
			assertThat(waiting.getCount()).as("the request waited for the lock").isEqualTo(1);
		}
		finally {
			otherRun.shutdownNow();
			lockLogger.detachAppender(waitingLine);
		}
		assertThat(tableExists(session, "orders")).isTrue();
		assertThat((String) this.actuator.get("/migrations").read("$.currentVersion")).isEqualTo("3");
	}

	@Test
	void twoConcurrentRollbacksWithTheSameExpectedVersionUndoOneMigration(CqlSession session) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<ActuatorClient.Response>> responses = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				responses.add(pool.submit(() -> {
					start.await();
					return this.actuator.post("/migrations/rollback", "{\"steps\": 1, \"expectedVersion\": \"3\"}");
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<ActuatorClient.Response> response : responses) {
				statuses.add(response.get(60, TimeUnit.SECONDS).status());
			}
			assertThat(statuses).containsExactlyInAnyOrder(200, 409);
		}
		finally {
			pool.shutdownNow();
		}
		ActuatorClient.Response status = this.actuator.get("/migrations");
		assertThat((String) status.read("$.currentVersion")).isEqualTo("2");
		assertThat((List<String>) status.read("$.migrations[*].state")).containsExactly("APPLIED", "APPLIED",
				"ROLLED_BACK");
		assertThat(columns(session, "users")).contains("email");
	}

	@Test
	void anExpectedVersionThatIsNotTheCurrentOneIsAConflictAndUndoesNothing(CqlSession session) {
		ActuatorClient.Response response = this.actuator.post("/migrations/rollback",
				"{\"steps\": 1, \"expectedVersion\": \"2\"}");

		assertThat(response.status()).as(response.body()).isEqualTo(409);
		assertThat((String) response.read("$.message"))
			.startsWith("Keyspace " + KEYSPACE + " is at version 3, not at the expected version 2")
			.contains("Nothing was rolled back");
		assertThat(tableExists(session, "orders")).isTrue();
		assertThat((Integer) this.actuator.get("/migrations").read("$.counts.APPLIED")).isEqualTo(3);
		assertThat(this.actuator.post("/migrations/rollback", "{\"expectedVersion\": \"3\"}").status())
			.isEqualTo(200);
	}

	private static void assertBadRequest(ActuatorClient.Response response, String message) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat((String) response.read("$.message")).contains(message);
	}

	private static boolean tableExists(CqlSession session, String table) {
		return ClusterProbe.tableExists(session, KEYSPACE, table);
	}

	private static List<String> columns(CqlSession session, String table) {
		return ClusterProbe.columns(session, KEYSPACE, table);
	}

}
