package dev.cqlmigrations.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The lease behind the lock: renewed while long work runs, and a lost lease stops the run before
 * the next migration (fencing).
 */
@EmbeddedCassandra
class LeaseIT {

	@Test
	void heartbeatKeepsTheLeaseAliveDuringAMigrationLongerThanItsTtl(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "heartbeat");
		AtomicInteger ttlSeenLate = new AtomicInteger(-1);
		JavaMigration slow = new TestJavaMigration("1", "slow") {
			@Override
			public void up(CqlSession session) throws InterruptedException {
				Thread.sleep(4000);
				ttlSeenLate.set(session.execute("SELECT TTL(owner) FROM " + fixture.keyspace
						+ ".migration_lock WHERE name = 'migrations'").one().getInt(0));
			}
		};
		MigrationSettings settings = fixture.settings()
			.locations(List.of())
			.javaMigrations(List.of(slow))
			.lockTtl(Duration.ofSeconds(3))
			.build();

		MigrationRunResult result = new MigrationEngine(fixture.session, settings).migrate();

		assertThat(result.migrations()).hasSize(1);
		// without renewal the 3 s lease would have expired after 4 s
		assertThat(ttlSeenLate.get()).isBetween(1, 3);
		assertThat(fixture.engine().lockHolder()).isNull();
	}

	@Test
	void runStopsBeforeTheNextMigrationWhenTheLeaseWasTakenOver(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "fencing");
		JavaMigration stolen = new TestJavaMigration("1", "lease taken over") {
			@Override
			public void up(CqlSession session) throws InterruptedException {
				session.execute("UPDATE " + fixture.keyspace + ".migration_lock USING TTL 60 SET owner = 'thief', "
						+ "holder = 'thief@elsewhere' WHERE name = 'migrations'");
				Thread.sleep(1600);
			}
		};
		JavaMigration next = new TestJavaMigration("2", "must not run") {
			@Override
			public void up(CqlSession session) {
				throw new AssertionError("ran without the lock");
			}
		};
		MigrationSettings settings = fixture.settings()
			.locations(List.of())
			.javaMigrations(List.of(stolen, next))
			.lockTtl(Duration.ofSeconds(3))
			.build();

		assertThatExceptionOfType(MigrationLockException.class)
			.isThrownBy(() -> new MigrationEngine(fixture.session, settings).migrate())
			.withMessageContaining("Lost the migration lock");
		assertThat(fixture.history()).containsExactly("1:APPLIED:1");
		assertThat(fixture.engine().lockHolder()).isEqualTo("thief@elsewhere");
	}

	@Test
	void lockHolderIsNullBeforeTheLockTableExists(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "nolocktable");

		assertThat(fixture.engine().lockHolder()).isNull();
	}

}
