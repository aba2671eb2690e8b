package dev.cqlmigrations.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@EmbeddedCassandra
class LockIT {

	@Test
	void concurrentEnginesOnAnEmptyClusterApplyEveryMigrationExactlyOnce(CassandraNode node, @TempDir Path dir)
			throws Exception {
		EngineFixture fixture = new EngineFixture(node, dir, "race");
		for (int i = 1; i <= 5; i++) {
			// INSERT without IF NOT EXISTS into a counter-like log: a second run would add a second row
			fixture.write("V" + i + "__step.cql", "CREATE TABLE t" + i + " (id int PRIMARY KEY);\n"
					+ "CREATE TABLE IF NOT EXISTS runs (version int, run timeuuid, PRIMARY KEY (version, run));\n"
					+ "INSERT INTO runs (version, run) VALUES (" + i + ", now());");
		}
		int instances = 4;
		List<CqlSession> sessions = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(instances);
		try {
			List<Future<MigrationRunResult>> results = new ArrayList<>();
			for (int i = 0; i < instances; i++) {
				CqlSession session = EngineFixture.newDdlSession(node);
				sessions.add(session);
				Callable<MigrationRunResult> run = () -> new MigrationEngine(session,
						fixture.settings().installedBy("instance-" + sessions.indexOf(session)).build())
					.migrate();
				results.add(pool.submit(run));
			}
			int applied = 0;
			for (Future<MigrationRunResult> result : results) {
				applied += result.get().migrations().size();
			}
			assertThat(applied).isEqualTo(5);
		}
		finally {
			pool.shutdownNow();
			sessions.forEach(CqlSession::close);
		}
		assertThat(fixture.history()).containsExactly("1:APPLIED:3", "2:APPLIED:3", "3:APPLIED:3", "4:APPLIED:3",
				"5:APPLIED:3");
		assertThat(fixture.session.execute("SELECT count(*) FROM " + fixture.keyspace + ".runs").one().getLong(0))
			.isEqualTo(5);
		assertThat(fixture.engine().lockHolder()).isNull();
	}

	@Test
	void waiterTimesOutNamingTheHolder(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "held");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);");
		fixture.engine().baseline("0", "tables only");
		fixture.session.execute("INSERT INTO " + fixture.keyspace + ".migration_lock (name, owner, holder, acquired_at) "
				+ "VALUES ('migrations', 'someone', 'ops@other-host [abcd1234]', toTimestamp(now())) USING TTL 60");

		assertThat(fixture.engine().lockHolder()).isEqualTo("ops@other-host [abcd1234]");
		MigrationEngine impatient = new MigrationEngine(fixture.session,
				fixture.settings().lockWaitTimeout(Duration.ofSeconds(1)).build());
		assertThatExceptionOfType(MigrationLockException.class).isThrownBy(impatient::migrate)
			.withMessageContaining("held by ops@other-host [abcd1234]")
			.withMessageContaining("migrations.lock.wait-timeout")
			.satisfies((ex) -> assertThat(ex.getHolder()).isEqualTo("ops@other-host [abcd1234]"));
		assertThat(fixture.tableExists(fixture.keyspace, "a")).isFalse();
	}

	@Test
	void expiredLeaseOfACrashedHolderIsTakenOver(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "expired");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);");
		fixture.engine().baseline("0", "tables only");
		fixture.session.execute("INSERT INTO " + fixture.keyspace + ".migration_lock (name, owner, holder, acquired_at) "
				+ "VALUES ('migrations', 'crashed', 'crashed@host', toTimestamp(now())) USING TTL 2");

		MigrationRunResult result = fixture.engine().migrate();

		assertThat(result.migrations()).hasSize(1);
		assertThat(result.lockWaitMillis()).isGreaterThan(0);
	}

}
