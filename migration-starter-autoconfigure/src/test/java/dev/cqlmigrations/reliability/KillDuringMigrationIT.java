package dev.cqlmigrations.reliability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;
import dev.cqlmigrations.test.TestKeyspaces;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replica is killed with SIGKILL at a random point of its migration run; the next start must
 * finish the job, leaving the same schema as a clean run and each version recorded once.
 */
@EmbeddedCassandra
class KillDuringMigrationIT {

	private static final int TRIALS = 10;

	private static final int MIGRATIONS = 20;

	@Test
	void killedRunIsCompletedByTheNextStart(CassandraNode node, CqlSession session, @TempDir Path dir)
			throws Exception {
		Path scripts = ScriptSets.write(dir.resolve("scripts"), MIGRATIONS);
		String clean = TestKeyspaces.unique("clean");
		Process reference = ProcessLauncher.start(dir.resolve("clean.log"), node.contactPointText(), clean,
				scripts.toString(), "5", node.username(), node.password());
		assertThat(reference.waitFor(5, TimeUnit.MINUTES)).isTrue();
		assertThat(reference.exitValue()).as(ProcessLauncher.output(dir.resolve("clean.log"))).isZero();
		Map<String, List<String>> cleanSchema = ScriptSets.schema(session, clean);

		Random random = new Random(42);
		List<String> lines = new ArrayList<>();
		for (int trial = 1; trial <= TRIALS; trial++) {
			String keyspace = TestKeyspaces.unique("killed" + trial);
			Path firstLog = dir.resolve("trial" + trial + "-killed.log");
			Process victim = ProcessLauncher.start(firstLog, node.contactPointText(), keyspace, scripts.toString(), "5",
					node.username(), node.password());
			int killAfter = 1 + random.nextInt(MIGRATIONS * 3 - 2);
			int doneWhenKilled = waitForStatements(session, keyspace, killAfter, victim);
			victim.destroyForcibly();
			victim.waitFor(30, TimeUnit.SECONDS);
			List<String> historyAfterKill = history(session, keyspace);

			long start = System.nanoTime();
			Path secondLog = dir.resolve("trial" + trial + "-restart.log");
			Process restart = ProcessLauncher.start(secondLog, node.contactPointText(), keyspace, scripts.toString(),
					"5", node.username(), node.password());
			assertThat(restart.waitFor(5, TimeUnit.MINUTES)).isTrue();
			assertThat(restart.exitValue()).as(ProcessLauncher.output(secondLog)).isZero();
			long millis = (System.nanoTime() - start) / 1_000_000;

			assertThat(ScriptSets.history(session, keyspace)).isEqualTo(ScriptSets.allApplied(MIGRATIONS));
			assertThat(ScriptSets.schema(session, keyspace)).isEqualTo(cleanSchema);
			for (int i = 1; i <= MIGRATIONS; i++) {
				Row row = session.execute("SELECT v, extra FROM " + keyspace + ".t" + i + " WHERE id = 1").one();
				assertThat(row).isNotNull();
				assertThat(row.getInt("extra")).isEqualTo(i);
			}
			lines.add("trial " + trial + ": killed after ~" + doneWhenKilled + " of " + (MIGRATIONS * 3)
					+ " statements (history then: " + summary(historyAfterKill) + "); restart completed in " + millis
					+ " ms");
		}
		ReliabilityReport.write("kill-during-migration", lines);
	}

	private static int waitForStatements(CqlSession session, String keyspace, int target, Process victim)
			throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
		int done = 0;
		while (System.nanoTime() < deadline && victim.isAlive()) {
			done = statementsDone(session, keyspace);
			if (done >= target) {
				return done;
			}
			Thread.sleep(5);
		}
		return done;
	}

	private static int statementsDone(CqlSession session, String keyspace) {
		try {
			int done = 0;
			for (Row row : session.execute("SELECT statements_done FROM " + keyspace
					+ ".migration_history WHERE scope = 'default'")) {
				done += row.getInt(0);
			}
			return done;
		}
		catch (RuntimeException ex) {
			return 0;
		}
	}

	private static List<String> history(CqlSession session, String keyspace) {
		try {
			return ScriptSets.history(session, keyspace);
		}
		catch (RuntimeException ex) {
			return List.of();
		}
	}

	private static String summary(List<String> history) {
		long applied = history.stream().filter((row) -> row.contains(":APPLIED:")).count();
		String unfinished = history.stream().filter((row) -> !row.contains(":APPLIED:")).findFirst().orElse("none");
		return applied + " applied, unfinished " + unfinished;
	}

}
