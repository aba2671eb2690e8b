package dev.cqlmigrations.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import dev.cqlmigrations.core.DdlSessionSettings;
import dev.cqlmigrations.test.CassandraCluster;
import dev.cqlmigrations.test.ClusterProbe;
import dev.cqlmigrations.test.TestKeyspaces;
import dev.cqlmigrations.test.TestScripts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two datacenters of one node each (dc1 on 127.0.0.21, dc2 on 127.0.0.22), keyspaces replicated
 * {@code dc1:1,dc2:1}, migrator processes standing for replicas of a service in either datacenter:
 * a run in one datacenter is never repeated in the other, replicas racing across datacenters apply
 * each migration once, and a datacenter cut off by downtime refuses instead of migrating alone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiDatacenterIT {

	private static final int DC1 = 0;

	private static final int DC2 = 1;

	private static final int SEQUENTIAL_TRIALS = 20;

	private static final int RACING_TRIALS = 5;

	private static final int RACERS_PER_DATACENTER = 4;

	private static final int MIGRATIONS = 5;

	private static CassandraCluster cluster;

	private static long startMillis;

	@BeforeAll
	static void startCluster() {
		long start = System.nanoTime();
		cluster = CassandraCluster.startTwoDatacenters();
		startMillis = millisSince(start);
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	@Order(1)
	void aMigrationThroughOneDatacenterIsNeverRepeatedThroughTheOther(@TempDir Path dir) throws Exception {
		Path scripts = TestScripts.counted(dir.resolve("scripts"), 1, MIGRATIONS);
		List<String> lines = new ArrayList<>();
		lines.add("2-datacenter ring (one node each) started in " + startMillis + " ms");
		try (CqlSession session = session(DC1)) {
			for (int trial = 1; trial <= SEQUENTIAL_TRIALS; trial++) {
				String keyspace = TestKeyspaces.unique("seq" + trial);
				long start = System.nanoTime();
				String first = migrate(DC1, keyspace, scripts, dir.resolve("seq" + trial + "-dc1.log"));
				long firstMillis = millisSince(start);
				assertThat(applied(first)).as(first).isEqualTo(MIGRATIONS);
				start = System.nanoTime();
				String second = migrate(DC2, keyspace, scripts, dir.resolve("seq" + trial + "-dc2.log"));
				assertThat(applied(second)).as(second).isZero();
				assertThat(TestScripts.executions(session, keyspace)).isEqualTo(once(MIGRATIONS));
				assertThat(ScriptSets.history(session, keyspace)).isEqualTo(appliedRows(MIGRATIONS));
				lines.add("sequential trial " + trial + ": via dc1 applied " + MIGRATIONS + " in " + firstMillis
						+ " ms, then via dc2 applied 0 in " + millisSince(start) + " ms; every counter 1");
			}
		}
		ReliabilityReport.write("two-datacenters-sequential", lines);
	}

	@Test
	@Order(2)
	void replicasRacingAcrossDatacentersApplyEveryMigrationOnce(@TempDir Path dir) throws Exception {
		Path scripts = TestScripts.counted(dir.resolve("scripts"), 1, MIGRATIONS);
		List<String> lines = new ArrayList<>();
		try (CqlSession session = session(DC1)) {
			for (int trial = 1; trial <= RACING_TRIALS; trial++) {
				String keyspace = TestKeyspaces.unique("race2dc" + trial);
				long start = System.nanoTime();
				List<Process> processes = new ArrayList<>();
				List<Path> logs = new ArrayList<>();
				for (int p = 0; p < 2 * RACERS_PER_DATACENTER; p++) {
					int datacenter = (p % 2 == 0) ? DC1 : DC2;
					Path log = dir.resolve("race" + trial + "-process" + p + "-dc" + (datacenter + 1) + ".log");
					logs.add(log);
					// The default lease (30 s): Paxos across two datacenters on a loaded machine is slow.
					processes.add(ProcessLauncher.startInDatacenter(cluster.datacenter(datacenter), log,
							cluster.node(datacenter).contactPointText(), keyspace, scripts.toString(), "30"));
				}
				int appliedTotal = 0;
				int lostLeases = 0;
				for (int p = 0; p < processes.size(); p++) {
					assertThat(processes.get(p).waitFor(5, TimeUnit.MINUTES)).isTrue();
					String output = ProcessLauncher.output(logs.get(p));
					if (processes.get(p).exitValue() != 0 && output.contains("Lost the migration lock")) {
						// Fencing, not a failure: a holder that cannot renew stops before its next change.
						lostLeases++;
						appliedTotal += output.split("MigrationEngine -- Applied V", -1).length - 1;
						continue;
					}
					assertThat(processes.get(p).exitValue()).as(output).isZero();
					appliedTotal += applied(output);
				}
				if (lostLeases > 0) {
					// As an orchestrator restarts the replica that stopped: it finishes the rest.
					String restart = migrate(DC2, keyspace, scripts, dir.resolve("race" + trial + "-restart.log"));
					assertThat(exitCode(restart)).as(restart).isZero();
					appliedTotal += applied(restart);
				}
				assertThat(appliedTotal).as("migrations applied over all processes").isEqualTo(MIGRATIONS);
				assertThat(TestScripts.executions(session, keyspace)).isEqualTo(once(MIGRATIONS));
				assertThat(ScriptSets.history(session, keyspace)).isEqualTo(appliedRows(MIGRATIONS));
				lines.add("racing trial " + trial + ": " + RACERS_PER_DATACENTER + "+" + RACERS_PER_DATACENTER
						+ " processes in dc1+dc2, " + MIGRATIONS + " migrations applied once in total, every counter "
						+ "1, " + millisSince(start) + " ms" + ((lostLeases > 0) ? "; " + lostLeases + " holder(s) "
								+ "stopped after losing the lease, a restart finished the rest" : ""));
			}
		}
		ReliabilityReport.write("two-datacenters-racing", lines);
	}

	@Test
	@Order(3)
	void aDatacenterCutOffByDowntimeRefusesAndAfterHealingEveryMigrationRunsOnce(@TempDir Path dir)
			throws Exception {
		int migrations = 7;
		Path scripts = TestScripts.counted(dir.resolve("scripts"), 1, migrations);
		String keyspace = TestKeyspaces.unique("isolated");
		List<String> lines = new ArrayList<>();

		long start = System.nanoTime();
		cluster.stop(DC2);
		lines.add("dc2 stopped (drained) in " + millisSince(start) + " ms");
		String dc1Alone = migrate(DC1, keyspace, scripts, dir.resolve("dc1-alone.log"));
		assertThat(exitCode(dc1Alone)).as(dc1Alone).isOne();
		assertThat(dc1Alone).contains("not enough replicas for").doesNotContain("RESULT applied=");
		lines.add("dc1 alone, fresh keyspace, V1..V" + migrations + " pending: refused: " + refusal(dc1Alone));

		start = System.nanoTime();
		cluster.stop(DC1);
		cluster.restart(DC2);
		lines.add("dc1 stopped, dc2 started alone in " + millisSince(start) + " ms");
		String dc2Alone = migrate(DC2, keyspace, scripts, dir.resolve("dc2-alone.log"));
		assertThat(exitCode(dc2Alone)).as(dc2Alone).isOne();
		assertThat(dc2Alone).contains("not enough replicas for").doesNotContain("RESULT applied=");
		lines.add("dc2 alone: refused: " + refusal(dc2Alone));

		start = System.nanoTime();
		cluster.restart(DC1);
		awaitHealed();
		lines.add("dc1 started again; both datacenters see each other and agree on the schema after "
				+ millisSince(start) + " ms");
		String healed = migrate(DC1, keyspace, scripts, dir.resolve("healed-dc1.log"));
		assertThat(exitCode(healed)).as(healed).isZero();
		assertThat(applied(healed)).as(healed).isEqualTo(migrations);
		String again = migrate(DC2, keyspace, scripts, dir.resolve("healed-dc2.log"));
		assertThat(applied(again)).as(again).isZero();
		try (CqlSession session = session(DC1)) {
			assertThat(TestScripts.executions(session, keyspace)).isEqualTo(once(migrations));
			Map<String, String> tablesOnDc1 = tableIds(session, keyspace, DC1);
			assertThat(tablesOnDc1).hasSize(migrations + 2);
			assertThat(tableIds(session, keyspace, DC2)).isEqualTo(tablesOnDc1);
		}
		lines.add("healed: via dc1 applied V1..V" + migrations + " once, via dc2 applied 0; every counter 1; both "
				+ "nodes hold the same " + (migrations + 2) + " tables with the same ids");
		ReliabilityReport.write("two-datacenters-isolation", lines);
	}

	private static CqlSession session(int index) {
		return cluster.sessionBuilder(index)
			.withConfigLoader(DdlSessionSettings
				.applyTo(DriverConfigLoader.programmaticBuilder(), DdlSessionSettings.DEFAULT_REQUEST_TIMEOUT)
				.build())
			.build();
	}

	private static Process start(int datacenter, String keyspace, Path scripts, Path log) {
		return ProcessLauncher.startInDatacenter(cluster.datacenter(datacenter), log,
				cluster.node(datacenter).contactPointText(), keyspace, scripts.toString(), "10");
	}

	/** Runs one migrator to its end; its output ends with {@code EXIT n}. */
	private static String migrate(int datacenter, String keyspace, Path scripts, Path log) throws Exception {
		Process process = start(datacenter, keyspace, scripts, log);
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
		return ProcessLauncher.output(log) + "\nEXIT " + process.exitValue();
	}

	private static int exitCode(String output) {
		return Integer.parseInt(output.replaceAll("(?s).*\nEXIT (\\d+)$", "$1"));
	}

	private static int applied(String output) {
		assertThat(output).contains("RESULT applied=");
		return Integer.parseInt(output.replaceAll("(?s).*RESULT applied=(\\d+).*", "$1"));
	}

	private static String refusal(String output) {
		return output.lines()
			.filter((line) -> line.contains("not enough replicas for"))
			.findFirst()
			.map((line) -> line.replaceFirst("^.*?(Cannot )", "$1").replaceFirst("\\. Migrations need.*", "."))
			.orElse("?");
	}

	private static Map<Integer, Long> once(int count) {
		Map<Integer, Long> expected = new TreeMap<>();
		for (int i = 1; i <= count; i++) {
			expected.put(i, 1L);
		}
		return expected;
	}

	private static List<String> appliedRows(int count) {
		List<String> rows = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			rows.add(i + ":APPLIED:2");
		}
		return rows;
	}

	/** Table names and ids as one node sees them (a table created twice would differ in id). */
	private static Map<String, String> tableIds(CqlSession session, String keyspace, int index) {
		Node node = session.getMetadata()
			.getNodes()
			.values()
			.stream()
			.filter((candidate) -> cluster.datacenter(index).equals(candidate.getDatacenter()))
			.findFirst()
			.orElseThrow();
		Map<String, String> tables = new LinkedHashMap<>();
		for (Row row : session.execute(SimpleStatement
			.newInstance("SELECT table_name, id FROM system_schema.tables WHERE keyspace_name = ?", keyspace)
			.setNode(node))) {
			tables.put(row.getString(0), String.valueOf(row.getUuid(1)));
		}
		return tables;
	}

	/**
	 * Until each node, as coordinator, reaches a quorum over both datacenters and both report the
	 * same schema version, as an operator checks with nodetool status and describecluster.
	 */
	private static void awaitHealed() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		Object last = null;
		while (System.nanoTime() < deadline) {
			try (CqlSession session = session(DC1)) {
				for (Node node : session.getMetadata().getNodes().values()) {
					session.execute(SimpleStatement.newInstance("SELECT * FROM system_distributed.view_build_status")
						.setConsistencyLevel(DefaultConsistencyLevel.QUORUM)
						.setNode(node));
				}
				Set<UUID> versions = ClusterProbe.schemaVersions(session);
				if (versions.size() == 1) {
					return;
				}
				last = "schema versions " + versions;
			}
			catch (RuntimeException ex) {
				last = ex;
			}
			Thread.sleep(1000);
		}
		throw new AssertionError("The datacenters did not heal within 3 minutes: " + last);
	}

	private static long millisSince(long startNanos) {
		return (System.nanoTime() - startNanos) / 1_000_000;
	}

}
