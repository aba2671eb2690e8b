package dev.cqlmigrations.springdata;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextRefreshedEvent;

import dev.cqlmigrations.autoconfigure.MigrationInitializer;
import dev.cqlmigrations.autoconfigure.TestApplication;
import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;
import dev.cqlmigrations.test.TestKeyspaces;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first start of a Spring Data Cassandra application, configured as users configure it: the
 * session bound to a keyspace that does not exist yet ({@code spring.cassandra.keyspace-name}),
 * unqualified {@code @Table} and {@code @UserDefinedType} entities, migrations that create the
 * type and the table. The start succeeds and the first request after readiness works.
 */
@EmbeddedCassandra
class SpringDataFirstStartIT {

	private static final int STARTS = 10;

	@Test
	void firstStartOnAnEmptyKeyspaceServesTheFirstRequestAfterReadiness(CassandraNode node) {
		List<String> outcomes = new ArrayList<>();
		for (int i = 0; i < STARTS; i++) {
			String keyspace = TestKeyspaces.unique("orders");
			AtomicReference<String> outcome = new AtomicReference<>("readiness never turned ACCEPTING_TRAFFIC");
			try (ConfigurableApplicationContext context = application(node, keyspace, saveAndFindWhenReady(outcome))
				.run()) {
				assertThat(context.getBeansOfType(MigrationInitializer.class)).hasSize(1);
			}
			outcomes.add(outcome.get());
		}
		assertThat(outcomes).hasSize(STARTS).containsOnly("ok");
	}

	@Test
	void applicationReadyPhaseRefreshesTheApplicationSessionsSchemaMetadata(CassandraNode node, CqlSession session) {
		String keyspace = TestKeyspaces.unique("orders_ready");
		// With the migration on ApplicationReadyEvent the keyspace must exist before the start.
		session.execute("CREATE KEYSPACE " + keyspace
				+ " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
		AtomicReference<String> outcome = new AtomicReference<>("readiness never turned ACCEPTING_TRAFFIC");
		AtomicReference<Boolean> typeKnown = new AtomicReference<>();
		ApplicationListener<ApplicationEvent> listener = (event) -> {
			if (event instanceof ContextRefreshedEvent) {
				// Opened before the migration, as a health indicator or an eager bean would.
				context(event).getBean(CqlSession.class);
			}
			if (isAcceptingTraffic(event)) {
				CqlSession applicationSession = context(event).getBean(CqlSession.class);
				typeKnown.set(applicationSession.getMetadata()
					.getKeyspace(keyspace)
					.flatMap((metadata) -> metadata.getUserDefinedType("address"))
					.isPresent());
			}
		};
		try (ConfigurableApplicationContext context = application(node, keyspace, listener,
				saveAndFindWhenReady(outcome))
			.properties("migrations.startup-phase=application-ready")
			.run()) {
			assertThat(context.getBeansOfType(MigrationInitializer.class)).isEmpty();
		}
		assertThat(typeKnown.get()).as("type 'address' in the session's metadata at readiness").isTrue();
		assertThat(outcome.get()).isEqualTo("ok");
	}

	private static SpringApplicationBuilder application(CassandraNode node, String keyspace,
			ApplicationListener<?>... listeners) {
		return new SpringApplicationBuilder(OrdersApplication.class).web(WebApplicationType.NONE)
			.properties(TestApplication.cassandraProperties(node))
			.properties("spring.cassandra.keyspace-name=" + keyspace, "migrations.locations=classpath:db/it/springdata")
			.listeners(listeners);
	}

	private static ApplicationListener<ApplicationEvent> saveAndFindWhenReady(AtomicReference<String> outcome) {
		return (event) -> {
			if (!isAcceptingTraffic(event)) {
				return;
			}
			try {
				OrderRepository orders = context(event).getBean(OrderRepository.class);
				Order order = new Order(UUID.randomUUID(), "book", new Address("1 Main Street", "Springfield"));
				orders.save(order);
				outcome.set(orders.findById(order.id()).equals(Optional.of(order)) ? "ok"
						: "the saved order was not found");
			}
			catch (RuntimeException ex) {
				outcome.set(ex.toString());
			}
		};
	}

	private static boolean isAcceptingTraffic(ApplicationEvent event) {
		return event instanceof AvailabilityChangeEvent<?> change
				&& change.getState() == ReadinessState.ACCEPTING_TRAFFIC;
	}

	private static ApplicationContext context(ApplicationEvent event) {
		return (ApplicationContext) event.getSource();
	}

}
