package dev.cqlmigrations.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SettingsAndReplicationTest {

	@Test
	void defaultsAreTheDocumentedOnes() {
		MigrationSettings settings = MigrationSettings.builder("My_Service").build();

		assertThat(settings.keyspace()).isEqualTo("my_service");
		assertThat(settings.historyTable()).isEqualTo("migration_history");
		assertThat(settings.lockTable()).isEqualTo("migration_lock");
		assertThat(settings.locations()).containsExactly("classpath:db/cassandra");
		assertThat(settings.validateOnMigrate()).isTrue();
		assertThat(settings.outOfOrder()).isFalse();
		assertThat(settings.createKeyspace()).isTrue();
		assertThat(settings.writeConsistency()).isEqualTo(DefaultConsistencyLevel.QUORUM);
		assertThat(settings.readConsistency()).isEqualTo(DefaultConsistencyLevel.QUORUM);
		assertThat(settings.serialConsistency()).isEqualTo(DefaultConsistencyLevel.SERIAL);
		assertThat(settings.installedBy()).contains("@");
		assertThat(settings.target()).isNull();
		assertThat(settings.classLoader()).isNotNull();
	}

	@Test
	void toBuilderKeepsEveryValue() {
		MigrationSettings settings = MigrationSettings.builder("ks")
			.historyTable("h")
			.lockTable("l")
			.locations(List.of("filesystem:/tmp/x"))
			.placeholders(Map.of("a", "b"))
			.target("3")
			.outOfOrder(true)
			.validateOnMigrate(false)
			.createKeyspace(false)
			.replication(KeyspaceReplication.networkTopology(Map.of("dc1", 3)))
			.schemaAgreementTimeout(Duration.ofSeconds(5))
			.lockTtl(Duration.ofSeconds(9))
			.lockWaitTimeout(Duration.ofSeconds(7))
			.writeConsistency(DefaultConsistencyLevel.QUORUM)
			.readConsistency(DefaultConsistencyLevel.ONE)
			.serialConsistency(DefaultConsistencyLevel.SERIAL)
			.installedBy("me")
			.baselineOnMigrate(true)
			.baselineVersion("2")
			.baselineDescription("base")
			.build();

		MigrationSettings copy = settings.toBuilder().build();

		assertThat(copy).usingRecursiveComparison().isEqualTo(settings);
	}

	@Test
	void invalidValuesNameTheirProperty() {
		assertThatExceptionOfType(MigrationConfigurationException.class)
			.isThrownBy(() -> MigrationSettings.builder("ks").target("abc").build())
			.withMessageContaining("migrations.target");
		assertThatExceptionOfType(MigrationConfigurationException.class)
			.isThrownBy(() -> MigrationSettings.builder("ks").lockTtl(Duration.ofMillis(500)).build())
			.withMessageContaining("migrations.lock.ttl");
		assertThatExceptionOfType(MigrationConfigurationException.class)
			.isThrownBy(() -> MigrationSettings.builder("ks").lockWaitTimeout(Duration.ZERO).build())
			.withMessageContaining("migrations.lock.wait-timeout");
		assertThatExceptionOfType(MigrationConfigurationException.class)
			.isThrownBy(() -> MigrationSettings.builder("ks").schemaAgreementTimeout(Duration.ofSeconds(-1)).build())
			.withMessageContaining("migrations.schema-agreement-timeout");
		assertThatExceptionOfType(MigrationConfigurationException.class)
			.isThrownBy(() -> MigrationSettings.builder("ks").serialConsistency(DefaultConsistencyLevel.QUORUM).build())
			.withMessageContaining("migrations.consistency.serial");
		assertThatExceptionOfType(MigrationConfigurationException.class)
			.isThrownBy(() -> MigrationSettings.builder("ks").historyTable("same").lockTable("same").build())
			.withMessageContaining("different names");
		assertThatExceptionOfType(MigrationConfigurationException.class)
			.isThrownBy(() -> MigrationSettings.builder("ks").locations(List.of()).build())
			.withMessageContaining("migrations.locations is empty");
		assertThatExceptionOfType(MigrationConfigurationException.class)
			.isThrownBy(() -> MigrationSettings.builder("ks").baselineVersion("v1").build())
			.withMessageContaining("migrations.baseline-version");
	}

	@Test
	void latestTargetMeansNoTarget() {
		assertThat(MigrationSettings.builder("ks").target("latest").build().target()).isEqualTo("latest");
		assertThat(MigrationSettings.builder("ks").target("  ").build().target()).isNull();
	}

	@Test
	void replicationRendersValidatedCql() {
		assertThat(KeyspaceReplication.simple(3).toCql())
			.isEqualTo("{'class': 'SimpleStrategy', 'replication_factor': 3}");
		assertThat(KeyspaceReplication.networkTopology(Map.of("dc2", 2, "dc1", 3)).toCql())
			.isEqualTo("{'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc2': 2}");
		assertThatExceptionOfType(MigrationConfigurationException.class)
			.isThrownBy(() -> KeyspaceReplication.networkTopology(Map.of()).toCql())
			.withMessageContaining("migrations.replication.datacenters");
		assertThatExceptionOfType(MigrationConfigurationException.class)
			.isThrownBy(() -> KeyspaceReplication.networkTopology(Map.of("dc1", 0)).toCql())
			.withMessageContaining("Invalid replication factor 0 for data center 'dc1'");
	}

	@Test
	void identifiersAreLowerCasedAndLiteralsEscaped() {
		assertThat(CqlIdentifiers.validName("Orders_2", "x")).isEqualTo("orders_2");
		assertThat(CqlIdentifiers.literal("it's")).isEqualTo("'it''s'");
		assertThatExceptionOfType(MigrationConfigurationException.class)
			.isThrownBy(() -> CqlIdentifiers.validName(null, "migrations.keyspace"));
	}

	@Test
	void schemaChangesAreRecognised() {
		assertThat(StatementRunner.isSchemaChange("CREATE TABLE x (id int PRIMARY KEY)")).isTrue();
		assertThat(StatementRunner.isSchemaChange("  alter table x add y int")).isTrue();
		assertThat(StatementRunner.isSchemaChange("DROP INDEX i")).isTrue();
		assertThat(StatementRunner.isSchemaChange("INSERT INTO x (id) VALUES (1)")).isFalse();
		assertThat(StatementRunner.isSchemaChange("CREATED_AT")).isFalse();
	}

}
