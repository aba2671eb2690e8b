package dev.cqlmigrations.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cassandra.autoconfigure.CassandraAutoConfiguration;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import dev.cqlmigrations.actuate.MigrationHealthIndicator;
import dev.cqlmigrations.actuate.MigrationMetrics;
import dev.cqlmigrations.actuate.MigrationStatusCache;
import dev.cqlmigrations.actuate.MigrationsEndpoint;
import dev.cqlmigrations.actuate.MigrationsEndpointWebExtension;
import dev.cqlmigrations.actuate.RollbackWithoutBodyFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions of the health, metrics and endpoint auto-configurations.
 */
class MigrationActuatorAutoConfigurationTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CassandraAutoConfiguration.class, MigrationAutoConfiguration.class,
				MigrationHealthContributorAutoConfiguration.class, MigrationMetricsAutoConfiguration.class,
				MigrationsEndpointAutoConfiguration.class))
		.withPropertyValues("migrations.keyspace=app");

	@Test
	void createsHealthIndicatorNamedMigrations() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(MigrationHealthIndicator.class)
			.hasBean("migrationsHealthIndicator"));
	}

	@Test
	void doesNotCreateHealthIndicatorWhenDisabled() {
		this.contextRunner.withPropertyValues("management.health.migrations.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MigrationHealthIndicator.class));
	}

	@Test
	void doesNotCreateHealthIndicatorWithoutHealthSupport() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MigrationHealthIndicator.class));
	}

	@Test
	void doesNotCreateHealthIndicatorWhenMigrationsAreDisabled() {
		this.contextRunner.withPropertyValues("migrations.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MigrationHealthIndicator.class));
	}

	@Test
	void createsMetricsWhenAMeterRegistryExists() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			assertThat(context).hasSingleBean(MigrationMetrics.class);
			assertThat(context.getBean(MeterRegistry.class).find("migrations.pending").tag("keyspace", "app").gauge())
				.isNotNull();
		});
	}

	@Test
	void doesNotCreateMetricsWithoutAMeterRegistry() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(MigrationMetrics.class));
	}

	@Test
	void doesNotCreateMetricsWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MigrationMetrics.class));
	}

	@Test
	void metricsListenerIsNotifiedThroughTheEngine() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context.getBeansOfType(dev.cqlmigrations.core.MigrationListener.class))
				.containsOnlyKeys("migrationMetrics", "migrationEventPublisher", "migrationStatusCache"));
	}

	@Test
	void healthAndPendingGaugeShareOneStatusCache() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasSingleBean(MigrationStatusCache.class)
				.hasSingleBean(MigrationHealthIndicator.class)
				.hasSingleBean(MigrationMetrics.class)
				.getBean(MigrationHealthIndicator.class)
				.hasFieldOrPropertyWithValue("status", context.getBean(MigrationStatusCache.class)));
	}

	@Test
	void createsTheRollbackWithoutBodyFilterInAServletApplicationOnly() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CassandraAutoConfiguration.class, MigrationAutoConfiguration.class,
					MigrationsEndpointAutoConfiguration.class))
			.withPropertyValues("migrations.keyspace=app", "management.endpoints.web.exposure.include=migrations")
			.run((context) -> assertThat(context).hasSingleBean(RollbackWithoutBodyFilter.class));
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=migrations")
			.run((context) -> assertThat(context).doesNotHaveBean(RollbackWithoutBodyFilter.class));
	}

	@Test
	void createsEndpointAndWebExtensionWhenExposedOverWeb() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=migrations")
			.run((context) -> assertThat(context).hasSingleBean(MigrationsEndpoint.class)
				.hasSingleBean(MigrationsEndpointWebExtension.class));
	}

	@Test
	void doesNotCreateEndpointWhenNotExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(MigrationsEndpoint.class)
			.doesNotHaveBean(MigrationsEndpointWebExtension.class));
	}

	@Test
	void doesNotCreateEndpointWhenAccessIsNone() {
		// As in an application, where enum values are converted leniently ('none' for NONE).
		this.contextRunner
			.withInitializer(
					(context) -> context.getEnvironment().setConversionService(new ApplicationConversionService()))
			.withPropertyValues("management.endpoints.web.exposure.include=migrations",
					"management.endpoint.migrations.access=none")
			.run((context) -> assertThat(context).doesNotHaveBean(MigrationsEndpoint.class));
	}

	@Test
	void doesNotCreateEndpointWhenMigrationsAreDisabled() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=migrations", "migrations.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MigrationsEndpoint.class));
	}

	@Test
	void nothingIsCreatedWithoutCassandraClasses() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(com.datastax.oss.driver.api.core.CqlSession.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("management.endpoints.web.exposure.include=migrations")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MigrationHealthIndicator.class)
				.doesNotHaveBean(MigrationMetrics.class)
				.doesNotHaveBean(MigrationsEndpoint.class));
	}

}
