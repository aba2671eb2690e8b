package dev.cqlmigrations.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the cluster can do to a run besides failing a statement: too few replicas, a lock table
 * that disappears, an interrupted wait. Each ends with a clear error or a warning, never a lie in
 * the history.
 */
@EmbeddedCassandra
class ClusterTroubleIT {

	@Test
	void tooFewReplicasForTheHistoryReadIsAClearError(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "rf3");
		// Replication factor 3 on a single node: QUORUM needs two replicas that do not exist.
		fixture.createKeyspace(3);
		fixture.session.execute(new HistoryTable(fixture.session, fixture.settings().build()).createTableCql());
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);");

		assertThatExceptionOfType(InsufficientReplicasException.class).isThrownBy(() -> fixture.engine().migrate())
			.withMessageStartingWith("Cannot read the migration history " + fixture.keyspace + ".migration_history: "
					+ "not enough replicas for QUORUM (1 of 2 required alive). The driver sees no node down")
			.withMessageContaining("replication factor")
			.withMessageContaining("no migration ran and the history is unchanged");
		assertThat(fixture.tableExists(fixture.keyspace, "a")).isFalse();
	}

	@Test
	void localLevelsOnASingleDatacenterNeedNoWarning(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "local");
		MigrationSettings local = fixture.settings()
			.readConsistency(DefaultConsistencyLevel.LOCAL_QUORUM)
			.serialConsistency(DefaultConsistencyLevel.LOCAL_SERIAL)
			.build();

		assertThat(LocalConsistencyWarning.logIfMultiDatacenter(fixture.session, local)).isFalse();
	}

	@Test
	void foreignTableWithTheHistoryNameIsAClearError(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "foreign");
		fixture.createKeyspace(1);
		fixture.session.execute("CREATE TABLE " + fixture.keyspace + ".migration_history (scope text, version text, "
				+ "PRIMARY KEY ((scope), version))");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);");

		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> fixture.engine().migrate())
			.withMessageContaining("exists but is not a migration history")
			.withMessageContaining("migrations.history-table");
		assertThat(fixture.tableExists(fixture.keyspace, "a")).isFalse();
	}

	@Test
	void missingLockTableIsCreatedAgainBeforeAnyChange(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "nolock");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);").engine().migrate();
		fixture.session.execute("DROP TABLE " + fixture.keyspace + ".migration_lock");
		fixture.write("V2__b.cql", "CREATE TABLE b (id int PRIMARY KEY);");

		fixture.engine().migrate();

		assertThat(fixture.tableExists(fixture.keyspace, "migration_lock")).isTrue();
		assertThat(fixture.history()).containsExactly("1:APPLIED:1", "2:APPLIED:1");
	}

	@Test
	void lockTableDroppedDuringARunOnlyCostsTheHeartbeatAndTheRelease(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "droplock");
		JavaMigration dropsLock = new TestJavaMigration("1", "drops the lock table") {
			@Override
			public void up(CqlSession session) throws InterruptedException {
				session.execute("DROP TABLE " + fixture.keyspace + ".migration_lock");
				Thread.sleep(1300);
			}
		};
		MigrationSettings settings = fixture.settings()
			.locations(List.of())
			.javaMigrations(List.of(dropsLock))
			.lockTtl(Duration.ofSeconds(3))
			.build();

		MigrationRunResult result = new MigrationEngine(fixture.session, settings).migrate();

		assertThat(result.migrations()).hasSize(1);
		assertThat(fixture.history()).containsExactly("1:APPLIED:1");
	}

	@Test
	void interruptedWaitForTheLockEndsWithAClearError(CassandraNode node, @TempDir Path dir) throws Exception {
		EngineFixture fixture = new EngineFixture(node, dir, "interrupt");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);");
		fixture.engine().baseline("0", "tables only");
		fixture.session.execute("INSERT INTO " + fixture.keyspace + ".migration_lock (name, owner, holder, acquired_at) "
				+ "VALUES ('migrations', 'other', 'other@host', toTimestamp(now())) USING TTL 60");
		AtomicReference<Throwable> failure = new AtomicReference<>();
		// The interrupt may land inside a driver call: the waiter gets a session of its own so that
		// the shared session of the other tests never sees an interrupted request.
		try (CqlSession own = EngineFixture.newDdlSession(node)) {
			Thread waiter = new Thread(() -> {
				try {
					new MigrationEngine(own, fixture.settings().build()).migrate();
				}
				catch (Throwable ex) {
					failure.set(ex);
				}
			});
			waiter.start();
			Thread.sleep(1500);
			waiter.interrupt();
			waiter.join(10_000);
		}

		assertThat(failure.get()).isInstanceOf(MigrationLockException.class)
			.hasMessageContaining("Interrupted while waiting for the migration lock");
		assertThat(fixture.tableExists(fixture.keyspace, "a")).isFalse();
	}

}
