package dev.cqlmigrations.core;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class KeyspaceSafetyTest {

	@Test
	void aSingleNodeGetsOneReplica() {
		assertThat(KeyspaceSafety.defaultReplication(Map.of("dc1", 1))).isEqualTo(KeyspaceReplication.simple(1));
		assertThat(KeyspaceSafety.defaultReplication(Map.of())).isEqualTo(KeyspaceReplication.simple(1));
	}

	@Test
	void severalNodesGetNetworkTopologyWithAtMostThreeReplicasPerDatacenter() {
		assertThat(KeyspaceSafety.defaultReplication(Map.of("dc1", 2)))
			.isEqualTo(KeyspaceReplication.networkTopology(Map.of("dc1", 2)));
		assertThat(KeyspaceSafety.defaultReplication(Map.of("dc1", 5, "dc2", 1)).toCql())
			.isEqualTo("{'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc2': 1}");
	}

	@Test
	void refusesAPendingScriptThatCreatesTheHistoryKeyspaceInAnySpelling() {
		for (String cql : List.of("CREATE KEYSPACE shop WITH replication = {}",
				"create keyspace if not exists Shop with replication = {}", "CREATE KEYSPACE \"shop\" WITH x = 1",
				"-- the keyspace\n/* first */ CREATE\n  KEYSPACE  IF NOT EXISTS shop WITH x = 1")) {
			assertThatExceptionOfType(MigrationConfigurationException.class)
				.isThrownBy(() -> KeyspaceSafety.checkNoScriptCreatesHistoryKeyspace(pending(cql), "shop"))
				.withMessageContaining("V1 (V1__keyspace.cql, line 1) creates keyspace shop")
				.withMessageContaining("migrations.keyspace=shop_migrations")
				.withMessageContaining("remove the CREATE KEYSPACE from V1__keyspace.cql")
				.withMessageEndingWith("Nothing was run.");
		}
	}

	@Test
	void acceptsScriptsThatCreateOtherKeyspaces() {
		for (String cql : List.of("CREATE KEYSPACE shop_data WITH replication = {}",
				"CREATE KEYSPACE \"Shop\" WITH replication = {}", "CREATE TABLE shop (id int PRIMARY KEY)")) {
			assertThatNoException()
				.isThrownBy(() -> KeyspaceSafety.checkNoScriptCreatesHistoryKeyspace(pending(cql), "shop"));
		}
	}

	@Test
	void refusesAnUndoScriptThatDropsTheHistoryKeyspace() {
		ResolvedMigration migration = migration("CREATE TABLE t (id int PRIMARY KEY)", "DROP KEYSPACE IF EXISTS shop");

		assertThatExceptionOfType(RollbackException.class)
			.isThrownBy(() -> KeyspaceSafety.checkNoUndoDropsHistoryKeyspace(List.of(migration), "shop"))
			.withMessageContaining("Undo script U1__keyspace.cql (line 1) drops keyspace shop")
			.withMessageEndingWith("Nothing was rolled back.");
		assertThatNoException().isThrownBy(() -> KeyspaceSafety
			.checkNoUndoDropsHistoryKeyspace(List.of(migration("SELECT 1", "DROP KEYSPACE other")), "shop"));
	}

	private static List<PendingMigration> pending(String cql) {
		return List.of(new PendingMigration(migration(cql, "SELECT 1"), 0, null));
	}

	private static ResolvedMigration migration(String up, String undo) {
		return new ResolvedMigration(MigrationVersion.parse("1"), "keyspace", MigrationType.CQL, "V1__keyspace.cql", 1,
				List.of(new CqlStatement(up, 1, 1)), "U1__keyspace.cql", 2, List.of(new CqlStatement(undo, 1, 1)),
				null);
	}

}
