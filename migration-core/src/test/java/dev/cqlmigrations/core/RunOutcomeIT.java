package dev.cqlmigrations.core;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.datastax.oss.driver.api.core.cql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a run records and reports about itself: versions as written in the file name, the time of
 * every part of a resumed run, no application time for a failed run, and an honest outcome for an
 * instance that waited for the lock while another one did the work.
 */
@EmbeddedCassandra
class RunOutcomeIT {

	@Test
	void aVersionIsShownAsWrittenAndStoredInItsCanonicalForm(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "written");
		fixture.write("V1.0__first.cql", "CREATE TABLE a (id int PRIMARY KEY);")
			.write("V1.10__third.cql", "CREATE TABLE c (id int PRIMARY KEY);")
			.write("V1.9__second.cql", "CREATE TABLE b (id int PRIMARY KEY);");

		MigrationRunResult result = fixture.engine().migrate("1.0", false);
		assertThat(result.migrations()).extracting(MigrationRunItem::version).containsExactly("1.0");
		assertThat(result.versionAfter()).isEqualTo("1.0");
		assertThat(fixture.history()).containsExactly("1:APPLIED:1");

		StatusReport status = fixture.engine().status();
		assertThat(status.currentVersion()).isEqualTo("1.0");
		assertThat(status.migrations()).extracting(MigrationInfo::version).containsExactly("1.0", "1.9", "1.10");
		assertThat(fixture.engine().migrate().migrations()).extracting(MigrationRunItem::version)
			.containsExactly("1.9", "1.10");
		assertThat(fixture.history()).containsExactly("1:APPLIED:1", "1.9:APPLIED:1", "1.10:APPLIED:1");
	}

	@Test
	void aResumedRunRecordsTheTimeOfAllItsPartsAndAFailedRunNoApplicationTime(CassandraNode node,
			@TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "parts");
		fixture.write("V1__two_parts.cql",
				"CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int PRIMARY KEY, x nosuchtype);");
		assertThatExceptionOfType(MigrationExecutionException.class).isThrownBy(() -> fixture.engine().migrate())
			.withMessageContaining("as FAILED after 1 statement; ")
			.withMessageContaining("(keep the one before it unchanged)");
		MigrationInfo failed = fixture.engine().status().migrations().get(0);
		assertThat(failed.state()).isEqualTo(MigrationState.FAILED);
		assertThat(failed.appliedAt()).isNull();
		// Stands for a long first part, so that the sum is visible whatever this machine's speed.
		fixture.session.execute("UPDATE " + fixture.keyspace + ".migration_history SET execution_ms = 100000 "
				+ "WHERE scope = 'default' AND version = '1'");

		fixture.write("V1__two_parts.cql",
				"CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int PRIMARY KEY, x text);");
		MigrationRunItem resumed = fixture.engine().migrate().migrations().get(0);

		Row row = fixture.historyRow("1");
		assertThat(row.getString("state")).isEqualTo("APPLIED");
		assertThat(row.getLong("execution_ms")).isEqualTo(100000 + resumed.executionMillis());
		assertThat(fixture.engine().status().migrations().get(0).executionMillis())
			.isEqualTo(100000 + resumed.executionMillis());
	}

	@Test
	void aWaiterThatFindsNothingLeftSaysSoInsteadOfMigratingFromXToX(CassandraNode node, @TempDir Path dir)
			throws Exception {
		EngineFixture fixture = new EngineFixture(node, dir, "waiter");
		fixture.write("V1__a.cql", "CREATE TABLE a (id int PRIMARY KEY);");
		fixture.engine().baseline("0", "tables only");
		fixture.session.execute("INSERT INTO " + fixture.keyspace + ".migration_lock (name, owner, holder, "
				+ "acquired_at) VALUES ('migrations', 'other', 'ops@other-host', toTimestamp(now())) USING TTL 60");
		ListAppender<ILoggingEvent> logs = new ListAppender<>();
		logs.start();
		Logger engineLogger = (Logger) LoggerFactory.getLogger(MigrationEngine.class);
		engineLogger.addAppender(logs);
		try {
			CompletableFuture<MigrationRunResult> waiter = new CompletableFuture<>();
			Thread thread = new Thread(() -> {
				try {
					waiter.complete(fixture.engine().migrate());
				}
				catch (RuntimeException ex) {
					waiter.completeExceptionally(ex);
				}
			});
			thread.start();
			while (!waiter.isDone() && Arrays.stream(thread.getStackTrace())
				.noneMatch((frame) -> frame.getClassName().equals(MigrationLock.class.getName())
					&& frame.getMethodName().equals("acquire"))) {
				Thread.onSpinWait();
			}
			// The other instance applies V1 and releases the lock.
			ResolvedMigration v1 = fixture.engine().load().get(0);
			Instant appliedAt = Instant.now();
			new HistoryTable(fixture.session, fixture.settings().build())
				.save(HistoryEntry.started(v1, 0, null, Map.of(), "ops@other-host", appliedAt)
					.applied(v1, 12, "ops@other-host", appliedAt));
			fixture.session.execute("CREATE TABLE " + fixture.keyspace + ".a (id int PRIMARY KEY)");
			fixture.session.execute("DELETE FROM " + fixture.keyspace + ".migration_lock WHERE name = 'migrations'");

			MigrationRunResult result = waiter.get(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS);
			assertThat(result.migrations()).isEmpty();
			assertThat(result.versionBefore()).isEqualTo("1");
			assertThat(result.versionAfter()).isEqualTo("1");
			assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
				.anySatisfy((line) -> assertThat(line).startsWith("Another instance applied the pending migrations "
						+ "while this one waited "))
				.anySatisfy((line) -> assertThat(line).startsWith("Keyspace " + fixture.keyspace + " is up to date at "
						+ "version 1 (1 migration, checked in "))
				.noneSatisfy((line) -> assertThat(line).contains("Migrated keyspace"));
		}
		finally {
			engineLogger.detachAppender(logs);
		}
	}

}
