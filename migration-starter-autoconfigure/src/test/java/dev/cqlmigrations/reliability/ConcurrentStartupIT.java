package dev.cqlmigrations.reliability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;
import dev.cqlmigrations.test.TestKeyspaces;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight replicas start at the same moment against an empty keyspace: every migration must be
 * applied exactly once, and every replica must start.
 */
@EmbeddedCassandra
class ConcurrentStartupIT {

	private static final int PROCESSES = 8;

	private static final int ROUNDS = 10;

	private static final int MIGRATIONS = 10;

	@Test
	void eightProcessesApplyEveryMigrationExactlyOnceTenTimesOver(CassandraNode node, CqlSession session,
			@TempDir Path dir) throws Exception {
		Path scripts = ScriptSets.write(dir.resolve("scripts"), MIGRATIONS);
		for (int i = 1; i <= MIGRATIONS; i++) {
			// a non-idempotent trace: one row per execution of each migration's last statement
			java.nio.file.Files.writeString(scripts.resolve("V" + i + "__table_" + i + ".cql"),
					"\nCREATE TABLE IF NOT EXISTS runs (version int, run timeuuid, PRIMARY KEY (version, run));\n"
							+ "INSERT INTO runs (version, run) VALUES (" + i + ", now());\n",
					java.nio.file.StandardOpenOption.APPEND);
		}
		List<String> timings = new ArrayList<>();
		for (int round = 1; round <= ROUNDS; round++) {
			String keyspace = TestKeyspaces.unique("race" + round);
			long start = System.nanoTime();
			List<Process> processes = new ArrayList<>();
			List<Path> logs = new ArrayList<>();
			for (int p = 0; p < PROCESSES; p++) {
				Path log = dir.resolve("round" + round + "-process" + p + ".log");
				logs.add(log);
				processes.add(ProcessLauncher.start(log, node.contactPointText(), keyspace, scripts.toString(), "10",
						node.username(), node.password()));
			}
			int appliedTotal = 0;
			for (int p = 0; p < PROCESSES; p++) {
				assertThat(processes.get(p).waitFor(5, TimeUnit.MINUTES)).isTrue();
				String output = ProcessLauncher.output(logs.get(p));
				assertThat(processes.get(p).exitValue()).as(output).isZero();
				appliedTotal += Integer.parseInt(output.replaceAll("(?s).*RESULT applied=(\\d+).*", "$1"));
			}
			long millis = (System.nanoTime() - start) / 1_000_000;
			assertThat(appliedTotal).as("migrations applied over all processes in round " + round).isEqualTo(MIGRATIONS);
			List<String> expected = new ArrayList<>();
			for (int i = 1; i <= MIGRATIONS; i++) {
				expected.add(i + ":APPLIED:5");
			}
			assertThat(ScriptSets.history(session, keyspace)).isEqualTo(expected);
			assertThat(session.execute("SELECT count(*) FROM " + keyspace + ".runs").one().getLong(0))
				.isEqualTo(MIGRATIONS);
			assertThat(ScriptSets.schema(session, keyspace)).hasSize(MIGRATIONS + 1);
			timings.add("round " + round + ": " + PROCESSES + " processes, " + MIGRATIONS + " migrations applied once, "
					+ millis + " ms");
		}
		ReliabilityReport.write("concurrent-startup", timings);
	}

}
