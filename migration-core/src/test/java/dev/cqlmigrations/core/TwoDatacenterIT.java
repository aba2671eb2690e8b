package dev.cqlmigrations.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import dev.cqlmigrations.test.CassandraCluster;
import dev.cqlmigrations.test.ClusterProbe;
import dev.cqlmigrations.test.TestKeyspaces;
import dev.cqlmigrations.test.TestScripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Two datacenters of one node each (dc1 on 127.0.0.21, dc2 on 127.0.0.22), keyspaces replicated
 * {@code {'dc1':1,'dc2':1}}: a migration through one datacenter is agreed by both and never
 * repeated through the other, and a datacenter alone refuses to migrate.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoDatacenterIT {

	private static final int DC1 = 0;

	private static final int DC2 = 1;

	private static CassandraCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = CassandraCluster.startTwoDatacenters();
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	static CqlSession ddlSession(int index) {
		return cluster.sessionBuilder(index)
			.withConfigLoader(DdlSessionSettings
				.applyTo(DriverConfigLoader.programmaticBuilder(), DdlSessionSettings.DEFAULT_REQUEST_TIMEOUT)
				.build())
			.build();
	}

	static MigrationSettings settings(String keyspace, Path scripts) {
		return MigrationSettings.builder(keyspace)
			.locations(List.of("filesystem:" + scripts))
			.replication(KeyspaceReplication.networkTopology(Map.of("dc1", 1, "dc2", 1)))
			.lockWaitTimeout(Duration.ofSeconds(20))
			.schemaAgreementTimeout(Duration.ofSeconds(20))
			.build();
	}

	@Test
	@Order(1)
	void aMigrationThroughOneDatacenterIsAgreedByBothAndNotRepeatedThroughTheOther(@TempDir Path dir) {
		String keyspace = TestKeyspaces.unique("twodc");
		Path scripts = TestScripts.counted(dir.resolve("scripts"), 1, 4);
		try (CqlSession dc1 = ddlSession(DC1); CqlSession dc2 = ddlSession(DC2)) {
			MigrationRunResult first = new MigrationEngine(dc1, settings(keyspace, scripts)).migrate();
			assertThat(first.migrations()).hasSize(4);
			// Each node, asked itself, knows every table: the agreement included the other datacenter.
			assertThat(ClusterProbe.tablesPerNode(dc1, keyspace)).isNotEmpty()
				.allSatisfy((node, tables) -> assertThat(tables).as("tables known to " + node).isEqualTo(6));
			assertThat(ClusterProbe.schemaVersions(dc1)).hasSize(1);

			MigrationRunResult second = new MigrationEngine(dc2, settings(keyspace, scripts)).migrate();
			assertThat(second.migrations()).isEmpty();
			assertThat(second.versionAfter()).isEqualTo("4");
			assertThat(TestScripts.executions(dc2, keyspace)).isEqualTo(Map.of(1, 1L, 2, 1L, 3, 1L, 4, 1L));
		}
	}

	@Test
	@Order(2)
	void anUpNodeOfTheOtherDatacenterThatCannotBeAskedIsNotCountedAsAgreeing() {
		// The driver's defaults: no connection to remote datacenters, so dc2's node cannot be asked.
		DriverConfigLoader localOnly = DriverConfigLoader.programmaticBuilder()
			.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
			.build();
		try (CqlSession session = cluster.sessionBuilder(DC1).withConfigLoader(localOnly).build()) {
			SchemaAgreementException failure = catchThrowableOfType(SchemaAgreementException.class,
					() -> new SchemaAgreement(session, Duration.ofMillis(500)).await());
			assertThat(failure).isNotNull();
			assertThat(failure.getMessage()).contains("/127.0.0.22:")
				.contains("(dc2) could not be asked")
				.contains("/127.0.0.21:")
				.contains("max-nodes-per-remote-dc");
		}
		try (CqlSession session = ddlSession(DC1)) {
			assertThat(new SchemaAgreement(session, Duration.ofSeconds(5)).await()).isLessThan(Duration.ofSeconds(5));
		}
	}

	@Test
	@Order(3)
	void localLevelsAreAllowedButWarnedAboutOnTwoDatacenters(@TempDir Path dir) {
		try (CqlSession session = ddlSession(DC1); LogCapture output = new LogCapture()) {
			MigrationSettings local = settings("whatever", dir).toBuilder()
				.writeConsistency(DefaultConsistencyLevel.LOCAL_QUORUM)
				.serialConsistency(DefaultConsistencyLevel.LOCAL_SERIAL)
				.build();
			assertThat(LocalConsistencyWarning.logIfMultiDatacenter(session, local)).isTrue();
			assertThat(output.text()).contains("migrations.consistency.write, migrations.consistency.serial use "
					+ "datacenter-local levels (LOCAL_QUORUM / QUORUM / LOCAL_SERIAL) on a cluster with datacenters "
					+ "[dc1, dc2]");
			assertThat(LocalConsistencyWarning.logIfMultiDatacenter(session, settings("whatever", dir))).isFalse();
		}
	}

	@Test
	@Order(4)
	void aLoneDatacenterRefusesNamingTheMissingOneAndChangesNothing(@TempDir Path dir)
			throws Exception {
		String keyspace = TestKeyspaces.unique("lonedc");
		Path scripts = TestScripts.counted(dir.resolve("scripts"), 1, 2);
		try (CqlSession dc1 = ddlSession(DC1); LogCapture output = new LogCapture()) {
			assertThat(new MigrationEngine(dc1, settings(keyspace, scripts)).migrate().migrations()).hasSize(2);
			cluster.stop(DC2);
			try {
				cluster.awaitDown(dc1, DC2);
				TestScripts.counted(scripts, 3, 3);
				InsufficientReplicasException refused = catchThrowableOfType(InsufficientReplicasException.class,
						() -> new MigrationEngine(dc1, settings(keyspace, scripts)).migrate());
				assertThat(refused).isNotNull();
				// Unavailable once the coordinator's gossip has convicted dc2, a read timeout before that.
				assertThat(refused.getMessage())
					.startsWith("Cannot read the migration history " + keyspace + ".migration_history: not enough "
							+ "replicas for QUORUM (1 of 2 required ")
					.contains(". Down: datacenter dc2: /127.0.0.22:")
					.contains("no migration ran and the history is unchanged");
				assertThat(ClusterProbe.tableExists(dc1, keyspace, "t3")).isFalse();
				// The lock and the history writes refuse the same way.
				MigrationSettings settings = settings(keyspace, scripts);
				assertThat(catchThrowableOfType(InsufficientReplicasException.class,
						() -> new MigrationLock(dc1, settings).acquire()))
					.hasMessageStartingWith("Cannot take the migration lock in " + keyspace + ".migration_lock at "
							+ "SERIAL: not enough replicas for SERIAL (1 of 2 required ");
				assertThat(catchThrowableOfType(InsufficientReplicasException.class,
						() -> new MigrationEngine(dc1, settings).lockHolder()))
					.hasMessageStartingWith("Cannot read the migration lock in " + keyspace + ".migration_lock");
				assertThat(catchThrowableOfType(InsufficientReplicasException.class,
						() -> new HistoryTable(dc1, settings).delete(MigrationVersion.parse("99"))))
					.hasMessageStartingWith("Cannot write the migration history " + keyspace + ".migration_history: "
							+ "not enough replicas for QUORUM (1 of 2 required ")
					.hasMessageContaining("the run stopped here and resumes on the next run");

				// Agreement does not wait for a node that is down, and says so.
				new SchemaAgreement(dc1, Duration.ofSeconds(5)).await();
				assertThat(output.text()).contains("Schema agreement skips nodes that are down: /127.0.0.22:")
					.contains("(dc2) DOWN");
			}
			finally {
				cluster.restart(DC2);
			}
		}
		try (CqlSession dc2 = ddlSession(DC2)) {
			MigrationRunResult healed = new MigrationEngine(dc2, settings(keyspace, scripts)).migrate();
			assertThat(healed.migrations()).extracting(MigrationRunItem::version).containsExactly("3");
			assertThat(TestScripts.executions(dc2, keyspace)).isEqualTo(Map.of(1, 1L, 2, 1L, 3, 1L));
		}
	}

}
