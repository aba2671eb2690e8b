package dev.cqlmigrations.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cqlmigrations.core.DdlSessionSettings;
import dev.cqlmigrations.core.KeyspaceReplication;
import dev.cqlmigrations.core.MigrationEngine;
import dev.cqlmigrations.core.MigrationException;
import dev.cqlmigrations.core.MigrationRunResult;
import dev.cqlmigrations.core.MigrationSettings;
import dev.cqlmigrations.test.CassandraCluster;
import dev.cqlmigrations.test.ClusterProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Three nodes on 127.0.0.1-3, replication factor 3: every DDL is agreed on by all nodes before
 * the next one; with one node down, migrations at QUORUM still succeed; with two down they
 * fail with a clear message and nothing half-done.
 */
class ThreeNodeClusterIT {

	private static CassandraCluster cluster;

	private static long startMillis;

	@BeforeAll
	static void startCluster() {
		long start = System.nanoTime();
		cluster = CassandraCluster.start(3);
		startMillis = (System.nanoTime() - start) / 1_000_000;
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	private static CqlSession session() {
		return cluster.sessionBuilder()
			.withConfigLoader(DdlSessionSettings
				.applyTo(DriverConfigLoader.programmaticBuilder(), DdlSessionSettings.DEFAULT_REQUEST_TIMEOUT)
				.build())
			.build();
	}

	private static MigrationSettings settings(String keyspace, Path scripts) {
		return MigrationSettings.builder(keyspace)
			.locations(List.of("filesystem:" + scripts))
			.replication(KeyspaceReplication.networkTopology(Map.of("datacenter1", 3)))
			.lockWaitTimeout(Duration.ofSeconds(20))
			.build();
	}

	@Test
	void migrationsAgreeOnAllNodesAndSurviveOneNodeDown(@TempDir Path dir) throws Exception {
		List<String> lines = new ArrayList<>();
		lines.add("3-node ring started in " + startMillis + " ms");
		Path scripts = ScriptSets.write(dir.resolve("scripts"), 10);
		try (CqlSession session = session()) {
			long start = System.nanoTime();
			MigrationRunResult result = new MigrationEngine(session, settings("ring", scripts)).migrate();
			assertThat(result.migrations()).hasSize(10);
			lines.add("10 migrations (30 statements, 20 DDL) on 3 nodes: " + (System.nanoTime() - start) / 1_000_000
					+ " ms, schema agreement waits " + result.agreementWaitMillis() + " ms");
			assertThat(ClusterProbe.schemaVersions(session)).hasSize(1);
			// every node sees every table: ask each node for its own view
			assertThat(ClusterProbe.tablesPerNode(session, "ring")).isNotEmpty()
				.allSatisfy((node, tables) -> assertThat(tables).as("tables seen by " + node).isEqualTo(12));

			cluster.kill(2);
			cluster.awaitDown(session, 2);
			ScriptSets.write(scripts, 15);
			start = System.nanoTime();
			MigrationRunResult withNodeDown = new MigrationEngine(session, settings("ring", scripts)).migrate();
			assertThat(withNodeDown.migrations()).hasSize(5);
			assertThat(ScriptSets.history(session, "ring")).isEqualTo(ScriptSets.allApplied(15));
			lines.add("node 3 killed: 5 more migrations at QUORUM succeeded in "
					+ (System.nanoTime() - start) / 1_000_000 + " ms");

			cluster.kill(1);
			cluster.awaitDown(session, 1);
			Files.writeString(scripts.resolve("V16__more.cql"), "CREATE TABLE t16 (id int PRIMARY KEY);");
			assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> new MigrationEngine(session,
					settings("ring", scripts).toBuilder().lockWaitTimeout(Duration.ofSeconds(5)).build()).migrate());
			lines.add("nodes 2 and 3 killed: the run failed before any DDL (no quorum for the lock)");
		}
		catch (RuntimeException ex) {
			throw new AssertionError(ex.toString(), ex);
		}
		cluster.restart(1);
		cluster.restart(2);
		try (CqlSession session = session()) {
			MigrationRunResult result = new MigrationEngine(session, settings("ring", scripts(dir))).migrate();
			assertThat(result.migrations()).extracting((item) -> item.version()).containsExactly("16");
			assertThat(ClusterProbe.schemaVersions(session)).hasSize(1);
			lines.add("nodes restarted: the pending migration applied, all nodes agree again");
		}
		ReliabilityReport.write("three-node-cluster", lines);
	}

	private static Path scripts(Path dir) {
		return dir.resolve("scripts");
	}

}
