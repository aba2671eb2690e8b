package dev.cqlmigrations.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.cqlmigrations.actuate.MigrationHealthIndicator;
import dev.cqlmigrations.actuate.MigrationStatusCache;
import dev.cqlmigrations.core.MigrationEngine;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@code migrations}
 * {@link MigrationHealthIndicator health indicator}.
 */
@AutoConfiguration(after = MigrationAutoConfiguration.class)
@ConditionalOnClass({ MigrationEngine.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(MigrationEngine.class)
@ConditionalOnEnabledHealthIndicator("migrations")
public final class MigrationHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "migrationsHealthIndicator", "migrationsHealthContributor" })
	MigrationHealthIndicator migrationsHealthIndicator(ObjectProvider<MigrationEngine> engine,
			ObjectProvider<MigrationStatusCache> status, ObjectProvider<MigrationStartupRunner> startupRunner) {
		return new MigrationHealthIndicator(status.getIfAvailable(() -> new MigrationStatusCache(engine::getObject)),
				startupRunner.getIfAvailable());
	}

}
