package dev.cqlmigrations.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.cqlmigrations.actuate.MigrationHealthIndicator;
import dev.cqlmigrations.core.MigrationEngine;
import dev.cqlmigrations.core.MigrationListener;
import dev.cqlmigrations.core.MigrationRunItem;
import dev.cqlmigrations.core.StatusReport;
import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.ClusterProbe;
import dev.cqlmigrations.test.EmbeddedCassandra;
import dev.cqlmigrations.test.TestKeyspaces;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application started against the real node applies its migrations before it accepts
 * traffic, reports them in health, metrics and events, and starts again without work.
 */
@EmbeddedCassandra
@SpringBootTest(classes = { TestApplication.class, MigrationOnStartupIT.Recorder.class },
		webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "migrations.locations=classpath:db/it/basic", "migrations.placeholders.orders_ttl=86400",
				"migrations.installed-by=startup-it" })
class MigrationOnStartupIT {

	static final String KEYSPACE = TestKeyspaces.unique("startup");

	@DynamicPropertySource
	static void keyspace(DynamicPropertyRegistry registry) {
		registry.add("migrations.keyspace", () -> KEYSPACE);
	}

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	Recorder recorder;

	@Test
	void appliesPendingMigrationsOnStartup(CqlSession session) {
		List<String> states = session
			.execute("SELECT version, state, installed_by FROM " + KEYSPACE + ".migration_history")
			.all()
			.stream()
			.map((row) -> row.getString("version") + ":" + row.getString("state") + ":" + row.getString("installed_by"))
			.toList();
		assertThat(states).containsExactlyInAnyOrder("1:APPLIED:startup-it", "2:APPLIED:startup-it",
				"3:APPLIED:startup-it");
		assertThat(columns(session, "users")).containsExactlyInAnyOrder("id", "name", "email");
		Row orders = session.execute("SELECT default_time_to_live FROM system_schema.tables WHERE keyspace_name = ? "
				+ "AND table_name = 'orders'", KEYSPACE).one();
		assertThat(orders.getInt("default_time_to_live")).as("placeholder value").isEqualTo(86400);
	}

	@Test
	void acceptsTrafficOnlyAfterTheMigrationsRan() {
		assertThat(this.context.getBean(ApplicationAvailability.class).getReadinessState())
			.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
		assertThat(this.recorder.readinessWhenApplied).containsExactly(ReadinessState.REFUSING_TRAFFIC,
				ReadinessState.REFUSING_TRAFFIC, ReadinessState.REFUSING_TRAFFIC);
		assertThat(this.recorder.events).containsSubsequence("applied 1", "applied 2", "applied 3",
				"readiness ACCEPTING_TRAFFIC");
	}

	@Test
	void publishesAnEventAndNotifiesListenerBeansPerMigration() {
		assertThat(this.recorder.events).filteredOn((event) -> event.startsWith("applied"))
			.containsExactly("applied 1", "applied 2", "applied 3");
		assertThat(this.recorder.listenerCalls).containsExactly("1", "2", "3");
	}

	@Test
	void healthIsUpWithTheCurrentVersion() {
		Health health = this.context.getBean("migrationsHealthIndicator", MigrationHealthIndicator.class).health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("keyspace", KEYSPACE)
			.containsEntry("currentVersion", "3")
			.containsEntry("pending", 0);
	}

	@Test
	void recordsMetrics() {
		MeterRegistry registry = this.context.getBean(MeterRegistry.class);

		Timer apply = registry.find("migrations.apply").tags("keyspace", KEYSPACE, "version", "3").timer();
		assertThat(apply).isNotNull();
		assertThat(apply.count()).isEqualTo(1);
		assertThat(registry.find("migrations.lock.wait").tag("keyspace", KEYSPACE).timer().count()).isEqualTo(1);
		assertThat(registry.find("migrations.schema.agreement").tag("keyspace", KEYSPACE).timer().count()).isEqualTo(1);
		assertThat(registry.find("migrations.pending").tag("keyspace", KEYSPACE).gauge().value()).isZero();
	}

	@Test
	void runsOnTheEnginesOwnSessionWithoutKeyspace() {
		MigrationSession migrationSession = this.context.getBean(MigrationSession.class);

		assertThat(migrationSession.isOpen()).isTrue();
		assertThat(migrationSession.getSession()).isNotSameAs(this.context.getBean(CqlSession.class));
		assertThat(migrationSession.getSession().getName()).startsWith("migrations");
	}

	@Test
	void startsAgainWithoutApplyingAnything(CassandraNode node) {
		try (ConfigurableApplicationContext again = TestApplication
			.builder(node, "migrations.keyspace=" + KEYSPACE, "migrations.locations=classpath:db/it/basic",
					"migrations.placeholders.orders_ttl=86400")
			.run()) {
			StatusReport status = again.getBean(MigrationEngine.class).status();
			assertThat(status.currentVersion()).isEqualTo("3");
			assertThat(status.pendingCount()).isZero();
			assertThat(again.getBean(MeterRegistry.class).find("migrations.apply").timers()).isEmpty();
		}
	}

	private static List<String> columns(CqlSession session, String table) {
		return ClusterProbe.columns(session, KEYSPACE, table);
	}

	/**
	 * Records, in order, migration events and readiness changes, and what readiness was when
	 * each migration was applied.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Recorder {

		final List<String> events = new CopyOnWriteArrayList<>();

		final List<ReadinessState> readinessWhenApplied = new CopyOnWriteArrayList<>();

		final List<String> listenerCalls = new CopyOnWriteArrayList<>();

		@EventListener
		void applied(MigrationAppliedEvent event) {
			this.events.add("applied " + event.getMigration().version());
		}

		@Bean
		ApplicationListener<AvailabilityChangeEvent<ReadinessState>> readinessRecorder() {
			return (event) -> this.events.add("readiness " + event.getState());
		}

		@Bean
		MigrationListener readinessAtEachMigration(ApplicationAvailability availability) {
			return new MigrationListener() {

				@Override
				public void migrationApplied(MigrationRunItem item) {
					Recorder.this.listenerCalls.add(item.version());
					Recorder.this.readinessWhenApplied.add(availability.getReadinessState());
				}

			};
		}

	}

}
