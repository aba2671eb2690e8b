package dev.cqlmigrations.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.session.Request;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.tracker.RequestTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@EmbeddedCassandra
class MigrateIT {

	@Test
	void appliesPendingMigrationsInNumericOrderAndRecordsThem(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "apply");
		fixture.write("V1__create_users.cql", "CREATE TABLE users (id uuid PRIMARY KEY, name text);")
			.write("V2__add_email.cql", "ALTER TABLE users ADD email text;")
			.write("V10__create_orders.cql", "CREATE TABLE orders (id uuid PRIMARY KEY);\nCREATE TABLE order_lines (id uuid PRIMARY KEY);")
			.write("V9__index_email.cql", "CREATE INDEX users_email ON users (email);");

		MigrationRunResult result = fixture.engine().migrate();

		assertThat(result.migrations()).extracting(MigrationRunItem::version).containsExactly("1", "2", "9", "10");
		assertThat(result.versionBefore()).isNull();
		assertThat(result.versionAfter()).isEqualTo("10");
		assertThat(fixture.history()).containsExactly("1:APPLIED:1", "2:APPLIED:1", "9:APPLIED:1", "10:APPLIED:2");
		assertThat(fixture.columns("users")).containsExactly("email", "id", "name");
		assertThat(fixture.tableExists(fixture.keyspace, "order_lines")).isTrue();
		Row row = fixture.historyRow("10");
		assertThat(row.getString("script")).isEqualTo("V10__create_orders.cql");
		assertThat(row.getString("type")).isEqualTo("CQL");
		assertThat(row.getString("installed_by")).isEqualTo("it@test");
		assertThat(row.getInt("checksum")).isEqualTo(Checksums.crc32("CREATE TABLE orders (id uuid PRIMARY KEY);\nCREATE TABLE order_lines (id uuid PRIMARY KEY);"));
		assertThat(row.getInstant("applied_at")).isNotNull();
		assertThat(row.getList("audit", String.class)).singleElement().asString().contains("APPLIED by it@test");
	}

	@Test
	void secondRunFindsNothingToDoWithExactlyOneRoundTrip(CassandraNode node, @TempDir Path dir)
			throws InterruptedException {
		EngineFixture fixture = new EngineFixture(node, dir, "noop");
		fixture.write("V1__t.cql", "CREATE TABLE t (id int PRIMARY KEY);");
		fixture.engine().migrate();
		CountingTracker tracker = new CountingTracker();
		try (CqlSession counted = EngineFixture.ddlSessionBuilder(node).addRequestTracker(tracker).build()) {
			tracker.count.set(0);
			MigrationRunResult result = new MigrationEngine(counted, fixture.settings().build()).migrate();

			assertThat(result.migrations()).isEmpty();
			assertThat(result.versionAfter()).isEqualTo("1");
			// the driver reports to trackers after completing the request: give it a moment
			Thread.sleep(300);
			assertThat(tracker.count.get()).isEqualTo(1);
		}
	}

	@Test
	void migratesUpToTargetOnly(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "target");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);")
			.write("V2__b.cql", "CREATE TABLE b (id int PRIMARY KEY);")
			.write("V3__c.cql", "CREATE TABLE c (id int PRIMARY KEY);");

		MigrationRunResult result = fixture.engine().migrate("2", false);

		assertThat(result.migrations()).extracting(MigrationRunItem::version).containsExactly("1", "2");
		assertThat(fixture.tableExists(fixture.keyspace, "c")).isFalse();
		assertThat(fixture.engine().status().pendingCount()).isEqualTo(1);
	}

	@Test
	void unknownTargetIsRejectedBeforeAnythingRuns(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "badtarget");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);");

		assertThatExceptionOfType(MigrationConfigurationException.class)
			.isThrownBy(() -> fixture.engine().migrate("7", false))
			.withMessageContaining("Target version 7")
			.withMessageContaining("above the latest migration, V1 (V1__a.cql)");
		assertThat(fixture.keyspaceExists(fixture.keyspace)).isFalse();
	}

	@Test
	void dryRunListsTheStatementsAndChangesNothing(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "dryrun");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);\nINSERT INTO a (id) VALUES (1);");

		MigrationRunResult result = fixture.engine().migrate(null, true);

		assertThat(result.dryRun()).isTrue();
		assertThat(result.migrations()).singleElement()
			.satisfies((item) -> assertThat(item.statements()).containsExactly("CREATE TABLE a (id int PRIMARY KEY)",
					"INSERT INTO a (id) VALUES (1)"));
		assertThat(fixture.keyspaceExists(fixture.keyspace)).isFalse();
	}

	@Test
	void placeholdersUseStatementsAndOtherKeyspacesWork(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "placeholders");
		String other = fixture.keyspace + "_app";
		fixture.write("V1__keyspace.cql", """
				CREATE KEYSPACE ${app_keyspace} WITH replication = ${replication};
				USE ${app_keyspace};
				CREATE TABLE things (id int PRIMARY KEY, label text);
				INSERT INTO things (id, label) VALUES (1, 'semi;colon ''quoted''');
				""")
			.write("V2__local.cql", "CREATE TABLE local_table (id int PRIMARY KEY);");
		MigrationSettings settings = fixture.settings()
			.placeholders(Map.of("app_keyspace", other, "replication",
					"{'class': 'NetworkTopologyStrategy', 'datacenter1': 1}"))
			.build();

		new MigrationEngine(fixture.session, settings).migrate();

		assertThat(fixture.tableExists(other, "things")).isTrue();
		assertThat(fixture.session.execute("SELECT label FROM " + other + ".things WHERE id = 1").one().getString(0))
			.isEqualTo("semi;colon 'quoted'");
		// the USE of V1 does not leak into V2: unqualified names resolve to migrations.keyspace again
		assertThat(fixture.tableExists(fixture.keyspace, "local_table")).isTrue();
		assertThat(fixture.session.execute("SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?",
				other).one().getMap(0, String.class, String.class)).containsEntry("datacenter1", "1");
	}

	@Test
	void historyKeyspaceIsCreatedWithNetworkTopologyReplication(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "nts");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);");
		MigrationSettings settings = fixture.settings()
			.replication(KeyspaceReplication.networkTopology(Map.of("datacenter1", 1)))
			.build();

		new MigrationEngine(fixture.session, settings).migrate();

		Map<String, String> replication = fixture.session
			.execute("SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?", fixture.keyspace)
			.one()
			.getMap(0, String.class, String.class);
		assertThat(replication).containsEntry("class", "org.apache.cassandra.locator.NetworkTopologyStrategy")
			.containsEntry("datacenter1", "1");
	}

	@Test
	void existingHistoryKeyspaceIsNeverAltered(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "existing");
		fixture.session.execute("CREATE KEYSPACE " + fixture.keyspace
				+ " WITH replication = {'class': 'NetworkTopologyStrategy', 'datacenter1': 1} AND durable_writes = false");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);");

		new MigrationEngine(fixture.session, fixture.settings().replication(KeyspaceReplication.simple(3)).build())
			.migrate();

		Row keyspace = fixture.session
			.execute("SELECT replication, durable_writes FROM system_schema.keyspaces WHERE keyspace_name = ?",
					fixture.keyspace)
			.one();
		assertThat(keyspace.getMap(0, String.class, String.class)).containsEntry("datacenter1", "1");
		assertThat(keyspace.getBoolean(1)).isFalse();
	}

	@Test
	void javaMigrationsRunInVersionOrderWithScripts(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "java");
		fixture.write("V1__create.cql", "CREATE TABLE counters (id int PRIMARY KEY, value int);")
			.write("V3__more.cql", "CREATE TABLE more (id int PRIMARY KEY);");
		JavaMigration backfill = new JavaMigration() {
			@Override
			public String version() {
				return "2";
			}

			@Override
			public String description() {
				return "backfill counters";
			}

			@Override
			public void up(CqlSession session) {
				session.execute("INSERT INTO counters (id, value) VALUES (1, 42)");
			}
		};
		MigrationSettings settings = fixture.settings().javaMigrations(List.of(backfill)).build();

		MigrationRunResult result = new MigrationEngine(fixture.session, settings).migrate();

		assertThat(result.migrations()).extracting(MigrationRunItem::type)
			.containsExactly(MigrationType.CQL, MigrationType.JAVA, MigrationType.CQL);
		assertThat(fixture.session.execute("SELECT value FROM " + fixture.keyspace + ".counters WHERE id = 1").one().getInt(0))
			.isEqualTo(42);
		assertThat(fixture.historyRow("2").getString("type")).isEqualTo("JAVA");
	}

	@Test
	void listenerHearsAboutAppliedMigrationsLockAndAgreement(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "listener");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);");
		AtomicInteger applied = new AtomicInteger();
		AtomicInteger locks = new AtomicInteger();
		AtomicInteger agreements = new AtomicInteger();
		MigrationListener listener = new MigrationListener() {
			@Override
			public void migrationApplied(MigrationRunItem item) {
				applied.incrementAndGet();
			}

			@Override
			public void lockAcquired(java.time.Duration waited) {
				locks.incrementAndGet();
			}

			@Override
			public void schemaAgreementAwaited(java.time.Duration total) {
				agreements.incrementAndGet();
			}
		};

		new MigrationEngine(fixture.session, fixture.settings().build(), listener).migrate();

		assertThat(applied).hasValue(1);
		assertThat(locks).hasValue(1);
		assertThat(agreements).hasValue(1);
	}

	@Test
	void baselineMigrateAndRepairEachTellTheListenerTheyTookTheLock(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "listenerall");
		fixture.write("V2__a.cql", "CREATE TABLE a (id int PRIMARY KEY);");
		List<java.time.Duration> locks = new CopyOnWriteArrayList<>();
		MigrationListener listener = new MigrationListener() {
			@Override
			public void lockAcquired(java.time.Duration waited) {
				locks.add(waited);
			}
		};
		MigrationEngine engine = new MigrationEngine(fixture.session, fixture.settings().build(), listener);

		engine.baseline("1", "existing schema");
		assertThat(locks).as("baseline").hasSize(1);
		engine.migrate();
		assertThat(locks).as("migrate").hasSize(2);
		engine.repair();
		assertThat(locks).as("repair").hasSize(3).noneMatch(java.time.Duration::isNegative);
		assertThat(fixture.history()).containsExactly("1:APPLIED:0", "2:APPLIED:1");
	}

	@Test
	void firstRunOnOneNodeCreatesBothEngineTablesWithoutPollingSchemaVersions(CassandraNode node, @TempDir Path dir)
			throws InterruptedException {
		EngineFixture fixture = new EngineFixture(node, dir, "bootstrap");
		fixture.write("V1__t.cql", "CREATE TABLE t (id int PRIMARY KEY);");
		CountingTracker tracker = new CountingTracker();
		try (CqlSession counted = EngineFixture.ddlSessionBuilder(node).addRequestTracker(tracker).build()) {
			MigrationRunResult result = new MigrationEngine(counted, fixture.settings().build()).migrate();

			assertThat(result.migrations()).hasSize(1);
			Thread.sleep(300);
			// one node agrees with itself: the per-node schema_version poll is for clusters
			assertThat(tracker.statements).isNotEmpty().noneMatch((cql) -> cql.contains("schema_version"));
		}
		assertThat(fixture.tableExists(fixture.keyspace, "migration_history")).isTrue();
		assertThat(fixture.tableExists(fixture.keyspace, "migration_lock")).isTrue();
		assertThat(fixture.history()).containsExactly("1:APPLIED:1");
	}

	static final class CountingTracker implements RequestTracker {

		final AtomicInteger count = new AtomicInteger();

		final List<String> statements = new CopyOnWriteArrayList<>();

		@Override
		public void onSuccess(Request request, long latencyNanos, DriverExecutionProfile profile, Node node,
				String requestLogPrefix) {
			this.count.incrementAndGet();
			record(request);
		}

		@Override
		public void onError(Request request, Throwable error, long latencyNanos, DriverExecutionProfile profile,
				Node node, String requestLogPrefix) {
			this.count.incrementAndGet();
			record(request);
		}

		private void record(Request request) {
			if (request instanceof SimpleStatement statement) {
				this.statements.add(statement.getQuery());
			}
		}

		@Override
		public void close() {
		}

	}

}
