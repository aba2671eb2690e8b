package dev.cqlmigrations.core;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The history keyspace is never created behind a script's back, never dropped by an undo script,
 * and gets a replication that matches the cluster when none is configured.
 */
@EmbeddedCassandra
class KeyspaceSafetyIT {

	@Test
	void refusesAScriptThatCreatesTheHistoryKeyspaceBeforeCreatingAnything(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "ownks");
		fixture.write("V1__keyspace.cql", "CREATE KEYSPACE IF NOT EXISTS " + fixture.keyspace
				+ " WITH replication = {'class': 'NetworkTopologyStrategy', 'datacenter1': 1};")
			.write("V2__table.cql", "CREATE TABLE t (id int PRIMARY KEY);");

		assertThatExceptionOfType(MigrationConfigurationException.class).isThrownBy(() -> fixture.engine().migrate())
			.withMessageContaining("V1 (V1__keyspace.cql, line 1) creates keyspace " + fixture.keyspace)
			.withMessageContaining("Keep the history in a keyspace of its own");
		assertThat(fixture.keyspaceExists(fixture.keyspace)).isFalse();
	}

	@Test
	void refusesAnUndoScriptThatDropsTheHistoryKeyspace(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "dropks");
		fixture.write("V1__table.cql", "CREATE TABLE t (id int PRIMARY KEY);")
			.write("U1__table.cql", "DROP TABLE t;\nDROP KEYSPACE " + fixture.keyspace + ";");
		fixture.engine().migrate();

		assertThatExceptionOfType(RollbackException.class)
			.isThrownBy(() -> fixture.engine().rollback(RollbackRequest.last()))
			.withMessageContaining("Undo script U1__table.cql (line 2) drops keyspace " + fixture.keyspace);
		assertThat(fixture.history()).containsExactly("1:APPLIED:1");
		assertThat(fixture.tableExists(fixture.keyspace, "t")).isTrue();
	}

	@Test
	void createsTheHistoryKeyspaceWithOneReplicaOnASingleNodeWhenReplicationIsNotSet(CassandraNode node,
			@TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "defaultrf");
		fixture.write("V1__table.cql", "CREATE TABLE t (id int PRIMARY KEY);");

		fixture.engine().migrate();

		assertThat(replication(fixture)).containsEntry("class", "org.apache.cassandra.locator.SimpleStrategy")
			.containsEntry("replication_factor", "1");
	}

	@Test
	void createsTheHistoryKeyspaceWithTheConfiguredReplication(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "configuredrf");
		fixture.write("V1__table.cql", "CREATE TABLE t (id int PRIMARY KEY);");

		new MigrationEngine(fixture.session, fixture.settings()
			.replication(KeyspaceReplication.networkTopology(Map.of(node.localDatacenter(), 1)))
			.build()).migrate();

		assertThat(replication(fixture)).containsEntry("class", "org.apache.cassandra.locator.NetworkTopologyStrategy")
			.containsEntry(node.localDatacenter(), "1");
	}

	private static Map<String, String> replication(EngineFixture fixture) {
		return fixture.session
			.execute("SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?", fixture.keyspace)
			.one()
			.getMap("replication", String.class, String.class);
	}

}
