package dev.cqlmigrations.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cassandra.autoconfigure.CassandraAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import dev.cqlmigrations.core.DdlSessionSettings;
import dev.cqlmigrations.core.JavaMigration;
import dev.cqlmigrations.core.KeyspaceReplication;
import dev.cqlmigrations.core.MigrationConfigurationException;
import dev.cqlmigrations.core.MigrationEngine;
import dev.cqlmigrations.core.MigrationSettings;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationAutoConfigurationTest {

	// With a bound application session, migrations would run (and connect) during refresh.
	private static final String NO_MIGRATION_ON_STARTUP = "migrations.run-on-startup=false";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CassandraAutoConfiguration.class, MigrationAutoConfiguration.class));

	@Test
	void backsOffWithoutCassandraDriver() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(CqlSession.class))
			.withPropertyValues("migrations.keyspace=app")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MigrationProperties.class)
				.doesNotHaveBean(MigrationSettings.class)
				.doesNotHaveBean(MigrationEngine.class));
	}

	@Test
	void backsOffWithoutCassandraConfiguration() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MigrationAutoConfiguration.class))
			.withPropertyValues("migrations.keyspace=app")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MigrationSettings.class)
				.doesNotHaveBean(MigrationSession.class)
				.doesNotHaveBean(MigrationEngine.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("migrations.enabled=false", "migrations.keyspace=app")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MigrationProperties.class)
				.doesNotHaveBean(MigrationSettings.class)
				.doesNotHaveBean(MigrationSession.class)
				.doesNotHaveBean(MigrationEngine.class)
				.doesNotHaveBean(MigrationStartupRunner.class));
	}

	@Test
	void createsEveryBeanWithoutConnectingWhenCassandraIsConfigured() {
		this.contextRunner.withPropertyValues("migrations.keyspace=app").run((context) -> {
			assertThat(context).hasSingleBean(MigrationSettings.class)
				.hasSingleBean(MigrationSession.class)
				.hasSingleBean(MigrationEngine.class)
				.hasSingleBean(MigrationEventPublisher.class)
				.hasSingleBean(MigrationStartupRunner.class);
			// The engine and its session are created on first use: building the context never connects.
			assertThat(context.getBean(MigrationSession.class).isOpen()).isFalse();
		});
	}

	@Test
	void createsBeansWithDedicatedContactPointsAlone() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MigrationAutoConfiguration.class))
			.withPropertyValues("migrations.keyspace=app", "migrations.cassandra.contact-points[0]=db1:9142",
					"migrations.cassandra.local-datacenter=dc1")
			.run((context) -> assertThat(context).hasSingleBean(MigrationSession.class)
				.hasSingleBean(MigrationEngine.class));
	}

	@Test
	void createsBeansWithAnApplicationSessionBuilderAlone() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MigrationAutoConfiguration.class))
			.withBean(com.datastax.oss.driver.api.core.CqlSessionBuilder.class, CqlSession::builder)
			.withPropertyValues("migrations.keyspace=app")
			.run((context) -> assertThat(context).hasSingleBean(MigrationSession.class)
				.hasSingleBean(MigrationEngine.class));
	}

	@Test
	void doesNotCreateStartupRunnerWhenRunOnStartupIsFalse() {
		this.contextRunner.withPropertyValues("migrations.keyspace=app", "migrations.run-on-startup=false")
			.run((context) -> assertThat(context).hasSingleBean(MigrationEngine.class)
				.doesNotHaveBean(MigrationStartupRunner.class));
	}

	@Test
	void migratesDuringRefreshBeforeTheApplicationSessionWhenItIsBoundToAKeyspace() {
		List<String> runs = new ArrayList<>();
		this.contextRunner.withPropertyValues("spring.cassandra.keyspace-name=app")
			.withBean(MigrationStartupRunner.class, () -> recordingRunner(runs))
			.run((context) -> {
				assertThat(context).hasSingleBean(MigrationInitializer.class);
				String initializer = context.getBeanNamesForType(MigrationInitializer.class)[0];
				assertThat(context.getBeanFactory().getBeanDefinition("cassandraSession").getDependsOn())
					.contains(initializer);
				// No ApplicationReadyEvent in a context runner: the migration ran during refresh.
				assertThat(runs).containsExactly("migrate");
			});
	}

	private static MigrationStartupRunner recordingRunner(List<String> runs) {
		return new MigrationStartupRunner(() -> null, (engine) -> runs.add("migrate"), false, true);
	}

	@Test
	void migratesWhenReadyWhenTheApplicationSessionIsNotBoundToAKeyspace() {
		this.contextRunner.withPropertyValues("migrations.keyspace=app").run((context) -> {
			assertThat(context).doesNotHaveBean(MigrationInitializer.class).hasSingleBean(MigrationStartupRunner.class);
			assertThat(context.getBeanFactory().getBeanDefinition("cassandraSession").getDependsOn()).isNull();
		});
	}

	@Test
	void startupPhaseApplicationReadyKeepsTheRunnerAloneWithABoundSession() {
		this.contextRunner
			.withPropertyValues("spring.cassandra.keyspace-name=app", "migrations.startup-phase=application-ready")
			.run((context) -> assertThat(context).doesNotHaveBean(MigrationInitializer.class)
				.hasSingleBean(MigrationStartupRunner.class));
	}

	@Test
	void startupPhaseContextRefreshMigratesDuringRefreshWithoutABoundSession() {
		List<String> runs = new ArrayList<>();
		this.contextRunner.withPropertyValues("migrations.keyspace=app", "migrations.startup-phase=context-refresh")
			.withBean(MigrationStartupRunner.class, () -> recordingRunner(runs))
			.run((context) -> {
				assertThat(context).hasSingleBean(MigrationInitializer.class);
				assertThat(runs).containsExactly("migrate");
			});
	}

	@Test
	void doesNotMigrateDuringRefreshWhenRunOnStartupIsFalse() {
		this.contextRunner.withPropertyValues("spring.cassandra.keyspace-name=app", "migrations.run-on-startup=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MigrationInitializer.class)
				.doesNotHaveBean(MigrationStartupRunner.class));
	}

	@Test
	void leavesTheReplicationToTheEngineWhenNoReplicationPropertyIsSet() {
		this.contextRunner.withPropertyValues("migrations.keyspace=app")
			.run((context) -> assertThat(context.getBean(MigrationSettings.class).replicationConfigured()).isFalse());
	}

	@Test
	void passesTheReplicationOnWhenAReplicationPropertyIsSet() {
		this.contextRunner.withPropertyValues("migrations.keyspace=app", "migrations.replication.datacenters.dc1=3",
				"migrations.replication.strategy=network-topology")
			.run((context) -> {
				MigrationSettings settings = context.getBean(MigrationSettings.class);
				assertThat(settings.replicationConfigured()).isTrue();
				assertThat(settings.replication()).isEqualTo(KeyspaceReplication.networkTopology(Map.of("dc1", 3)));
			});
	}

	@Test
	void keyspaceDefaultsToTheApplicationKeyspace() {
		this.contextRunner.withPropertyValues("spring.cassandra.keyspace-name=Orders", NO_MIGRATION_ON_STARTUP)
			.run((context) -> assertThat(context.getBean(MigrationSettings.class).keyspace()).isEqualTo("orders"));
	}

	@Test
	void migrationsKeyspaceWinsOverTheApplicationKeyspace() {
		this.contextRunner
			.withPropertyValues("spring.cassandra.keyspace-name=orders", "migrations.keyspace=schema",
					NO_MIGRATION_ON_STARTUP)
			.run((context) -> assertThat(context.getBean(MigrationSettings.class).keyspace()).isEqualTo("schema"));
	}

	@Test
	void failsWithoutKeyspaceNamingBothProperties() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(MigrationConfigurationException.class)
				.hasMessageContaining("migrations.keyspace")
				.hasMessageContaining("spring.cassandra.keyspace-name");
		});
	}

	@Test
	void defaultsAreTheEngineDefaults() {
		this.contextRunner.withPropertyValues("migrations.keyspace=app").run((context) -> {
			MigrationSettings settings = context.getBean(MigrationSettings.class);
			assertThat(settings).usingRecursiveComparison()
				.ignoringFields("classLoader")
				.isEqualTo(MigrationSettings.builder("app").build());
			MigrationProperties properties = context.getBean(MigrationProperties.class);
			assertThat(properties.getRequestTimeout()).isEqualTo(DdlSessionSettings.DEFAULT_REQUEST_TIMEOUT);
			assertThat(properties.getLocations()).containsExactly(MigrationSettings.DEFAULT_LOCATION);
			assertThat(properties.getHistoryTable()).isEqualTo(MigrationSettings.DEFAULT_HISTORY_TABLE);
			assertThat(properties.getLock().getTable()).isEqualTo(MigrationSettings.DEFAULT_LOCK_TABLE);
		});
	}

	@Test
	void defaultsOfTheSpringOnlyProperties() {
		MigrationProperties properties = new MigrationProperties();
		assertThat(properties.isEnabled()).isTrue();
		assertThat(properties.isRunOnStartup()).isTrue();
		assertThat(properties.isFailOnError()).isTrue();
		assertThat(properties.isDryRun()).isFalse();
		assertThat(properties.isRollbackEnabled()).isFalse();
		assertThat(properties.getKeyspace()).isNull();
		assertThat(properties.getCassandra().getContactPoints()).isEmpty();
	}

	@Test
	void bindsEveryEngineProperty() {
		this.contextRunner.withPropertyValues("migrations.keyspace=app",
				"migrations.locations=classpath:a,filesystem:/b", "migrations.history-table=history",
				"migrations.create-keyspace=false",
				"migrations.replication.strategy=network-topology", "migrations.replication.datacenters.dc1=3",
				"migrations.replication.datacenters.dc2=2", "migrations.placeholders.table=users",
				"migrations.placeholders.ttl=86400", "migrations.target=4.1", "migrations.out-of-order=true",
				"migrations.validate-on-migrate=false", "migrations.schema-agreement-timeout=45s",
				"migrations.lock.ttl=1m", "migrations.lock.wait-timeout=10m", "migrations.lock.table=lock",
				"migrations.consistency.write=each-quorum", "migrations.consistency.read=one",
				"migrations.consistency.serial=local-serial", "migrations.installed-by=deployer",
				"migrations.baseline-on-migrate=true", "migrations.baseline-version=3",
				"migrations.baseline-description=existing schema")
			.run((context) -> {
				MigrationSettings settings = context.getBean(MigrationSettings.class);
				assertThat(settings.locations()).containsExactly("classpath:a", "filesystem:/b");
				assertThat(settings.historyTable()).isEqualTo("history");
				assertThat(settings.createKeyspace()).isFalse();
				assertThat(settings.replication())
					.isEqualTo(KeyspaceReplication.networkTopology(Map.of("dc1", 3, "dc2", 2)));
				assertThat(settings.placeholders()).containsOnly(Map.entry("table", "users"),
						Map.entry("ttl", "86400"));
				assertThat(settings.target()).isEqualTo("4.1");
				assertThat(settings.outOfOrder()).isTrue();
				assertThat(settings.validateOnMigrate()).isFalse();
				assertThat(settings.schemaAgreementTimeout()).isEqualTo(Duration.ofSeconds(45));
				assertThat(settings.lockTtl()).isEqualTo(Duration.ofMinutes(1));
				assertThat(settings.lockWaitTimeout()).isEqualTo(Duration.ofMinutes(10));
				assertThat(settings.lockTable()).isEqualTo("lock");
				assertThat(settings.writeConsistency()).isEqualTo(DefaultConsistencyLevel.EACH_QUORUM);
				assertThat(settings.readConsistency()).isEqualTo(DefaultConsistencyLevel.ONE);
				assertThat(settings.serialConsistency()).isEqualTo(DefaultConsistencyLevel.LOCAL_SERIAL);
				assertThat(settings.installedBy()).isEqualTo("deployer");
				assertThat(settings.baselineOnMigrate()).isTrue();
				assertThat(settings.baselineVersion()).isEqualTo("3");
				assertThat(settings.baselineDescription()).isEqualTo("existing schema");
			});
	}

	@Test
	void bindsSimpleReplicationAndDurationsInPlainMilliseconds() {
		this.contextRunner
			.withPropertyValues("migrations.keyspace=app", "migrations.replication.strategy=SIMPLE",
					"migrations.replication.replication-factor=3", "migrations.schema-agreement-timeout=1500")
			.run((context) -> {
				MigrationSettings settings = context.getBean(MigrationSettings.class);
				assertThat(settings.replication()).isEqualTo(KeyspaceReplication.simple(3));
				assertThat(settings.schemaAgreementTimeout()).isEqualTo(Duration.ofMillis(1500));
			});
	}

	@Test
	void bindsTheSpringOnlyProperties() {
		this.contextRunner.withPropertyValues("migrations.keyspace=app", "migrations.dry-run=true",
				"migrations.fail-on-error=false", "migrations.rollback-enabled=true", "migrations.request-timeout=2m",
				"migrations.cassandra.contact-points=db1:9042,db2", "migrations.cassandra.local-datacenter=dc2",
				"migrations.cassandra.username=migrator", "migrations.cassandra.password=secret")
			.run((context) -> {
				MigrationProperties properties = context.getBean(MigrationProperties.class);
				assertThat(properties.isDryRun()).isTrue();
				assertThat(properties.isFailOnError()).isFalse();
				assertThat(properties.isRollbackEnabled()).isTrue();
				assertThat(properties.getRequestTimeout()).isEqualTo(Duration.ofMinutes(2));
				assertThat(properties.getCassandra().getContactPoints()).containsExactly("db1:9042", "db2");
				assertThat(properties.getCassandra().getLocalDatacenter()).isEqualTo("dc2");
				assertThat(properties.getCassandra().getUsername()).isEqualTo("migrator");
				assertThat(properties.getCassandra().getPassword()).isEqualTo("secret");
			});
	}

	@Test
	void collectsJavaMigrationBeans() {
		this.contextRunner.withPropertyValues("migrations.keyspace=app")
			.withBean("backfill", JavaMigration.class, () -> new NoOpJavaMigration("5"))
			.run((context) -> assertThat(context.getBean(MigrationSettings.class).javaMigrations())
				.containsExactly(context.getBean("backfill", JavaMigration.class)));
	}

	@Test
	void appliesSettingsCustomizers() {
		this.contextRunner.withPropertyValues("migrations.keyspace=app")
			.withBean(MigrationSettingsCustomizer.class, () -> (builder) -> builder.installedBy("customized"))
			.run((context) -> assertThat(context.getBean(MigrationSettings.class).installedBy())
				.isEqualTo("customized"));
	}

	@Test
	void userBeansReplaceOurs() {
		this.contextRunner.withPropertyValues("migrations.keyspace=app")
			.withUserConfiguration(UserBeansConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(MigrationSettings.class)
					.hasSingleBean(MigrationSession.class)
					.hasSingleBean(MigrationEngine.class)
					.hasSingleBean(MigrationStartupRunner.class)
					.hasSingleBean(MigrationEventPublisher.class);
				assertThat(context.getBean(MigrationSettings.class).keyspace()).isEqualTo("user_keyspace");
				assertThat(context.getBeanNamesForType(MigrationSession.class)).containsExactly("userSession");
				assertThat(context.getBeanNamesForType(MigrationEngine.class)).containsExactly("userEngine");
				assertThat(context.getBeanNamesForType(MigrationStartupRunner.class)).containsExactly("userRunner");
				assertThat(context.getBeanNamesForType(MigrationEventPublisher.class)).containsExactly("userPublisher");
			});
	}

	@Test
	void invalidKeyspaceFailsNamingTheProperty() {
		assertStartupFailureNames("migrations.keyspace", "migrations.keyspace=my-service");
	}

	@Test
	void shortLockTtlFailsNamingTheProperty() {
		assertStartupFailureNames("migrations.lock.ttl", "migrations.keyspace=app", "migrations.lock.ttl=1s");
	}

	@Test
	void negativeAgreementTimeoutFailsNamingTheProperty() {
		assertStartupFailureNames("migrations.schema-agreement-timeout", "migrations.keyspace=app",
				"migrations.schema-agreement-timeout=-5s");
	}

	@Test
	void zeroOrNegativeRequestTimeoutFailsNamingTheProperty() {
		assertStartupFailureNames("migrations.request-timeout", "migrations.keyspace=app",
				"migrations.request-timeout=0s");
		assertStartupFailureNames("migrations.request-timeout", "migrations.keyspace=app",
				"migrations.request-timeout=-1s");
	}

	@Test
	void absurdLockTtlAndConsistenciesFailNamingTheProperty() {
		assertStartupFailureNames("migrations.lock.ttl", "migrations.keyspace=app", "migrations.lock.ttl=4294967301s");
		assertStartupFailureNames("migrations.consistency.write", "migrations.keyspace=app",
				"migrations.consistency.write=any");
		assertStartupFailureNames("migrations.consistency.read", "migrations.keyspace=app",
				"migrations.consistency.read=any");
	}

	@Test
	void nonSerialConsistencyFailsNamingTheProperty() {
		assertStartupFailureNames("migrations.consistency.serial", "migrations.keyspace=app",
				"migrations.consistency.serial=quorum");
	}

	@Test
	void networkTopologyWithoutDatacentersFailsNamingTheProperty() {
		assertStartupFailureNames("migrations.replication.datacenters", "migrations.keyspace=app",
				"migrations.replication.strategy=network-topology");
	}

	@Test
	void invalidReplicationFactorFailsNamingTheProperty() {
		assertStartupFailureNames("migrations.replication.replication-factor", "migrations.keyspace=app",
				"migrations.replication.replication-factor=0");
	}

	@Test
	void invalidTargetFailsNamingTheProperty() {
		assertStartupFailureNames("migrations.target", "migrations.keyspace=app", "migrations.target=v2");
	}

	@Test
	void sameHistoryAndLockTableFailsNamingBothProperties() {
		assertStartupFailureNames("migrations.lock.table", "migrations.keyspace=app", "migrations.history-table=t",
				"migrations.lock.table=t");
	}

	@Test
	void unparsableDurationFailsNamingTheProperty() {
		assertStartupFailureNames("migrations.lock.wait-timeout", "migrations.keyspace=app",
				"migrations.lock.wait-timeout=soon");
	}

	@Test
	void unknownStrategyFailsNamingTheProperty() {
		assertStartupFailureNames("migrations.replication.strategy", "migrations.keyspace=app",
				"migrations.replication.strategy=everywhere");
	}

	@Test
	void dedicatedUsernameWithoutPasswordFailsNamingBothProperties() {
		this.contextRunner.withPropertyValues("migrations.keyspace=app", "migrations.cassandra.username=migrator")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("migrations.cassandra.username")
					.hasMessageContaining("migrations.cassandra.password");
			});
	}

	private void assertStartupFailureNames(String property, String... properties) {
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			StringBuilder messages = new StringBuilder();
			for (Throwable failure = context.getStartupFailure(); failure != null; failure = failure.getCause()) {
				messages.append(failure.getMessage()).append('\n');
			}
			assertThat(messages).contains(property);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeansConfiguration {

		@Bean
		MigrationSettings userSettings() {
			return MigrationSettings.builder("user_keyspace").build();
		}

		@Bean
		MigrationSession userSession() {
			return new MigrationSession(() -> {
				throw new IllegalStateException("not opened in this test");
			});
		}

		@Bean
		@Lazy
		MigrationEngine userEngine() {
			throw new IllegalStateException("not created in this test");
		}

		@Bean
		MigrationStartupRunner userRunner() {
			return new MigrationStartupRunner(() -> null, (engine) -> {
			}, false, true);
		}

		@Bean
		MigrationEventPublisher userPublisher() {
			return new MigrationEventPublisher((event) -> {
			}, "user_keyspace");
		}

	}

	record NoOpJavaMigration(String version) implements JavaMigration {

		@Override
		public String description() {
			return "no-op";
		}

		@Override
		public void up(CqlSession session) {
		}

	}

}
