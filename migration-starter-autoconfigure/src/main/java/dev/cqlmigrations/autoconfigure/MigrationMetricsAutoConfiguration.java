package dev.cqlmigrations.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.cqlmigrations.actuate.MigrationMetrics;
import dev.cqlmigrations.actuate.MigrationStatusCache;
import dev.cqlmigrations.core.MigrationEngine;
import dev.cqlmigrations.core.MigrationSettings;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for {@link MigrationMetrics}, when a
 * {@link MeterRegistry} bean exists.
 */
@AutoConfiguration(after = MigrationAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MigrationEngine.class, MeterRegistry.class })
@ConditionalOnBean({ MeterRegistry.class, MigrationSettings.class })
public final class MigrationMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MigrationMetrics migrationMetrics(MeterRegistry registry, MigrationSettings settings,
			ObjectProvider<MigrationEngine> engine, ObjectProvider<MigrationStatusCache> status) {
		return new MigrationMetrics(registry, settings.keyspace(),
				status.getIfAvailable(() -> new MigrationStatusCache(engine::getObject)));
	}

}
