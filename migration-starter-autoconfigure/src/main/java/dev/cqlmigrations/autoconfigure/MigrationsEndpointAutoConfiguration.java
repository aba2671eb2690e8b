package dev.cqlmigrations.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.cqlmigrations.actuate.MigrationsEndpoint;
import dev.cqlmigrations.actuate.MigrationsEndpointWebExtension;
import dev.cqlmigrations.core.MigrationEngine;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link MigrationsEndpoint} and its
 * web extension.
 */
@AutoConfiguration(after = MigrationAutoConfiguration.class)
@ConditionalOnClass({ MigrationEngine.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(MigrationsEndpoint.class)
public final class MigrationsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnBean(MigrationEngine.class)
	@ConditionalOnMissingBean
	MigrationsEndpoint migrationsEndpoint(ObjectProvider<MigrationEngine> engine, Environment environment) {
		// Bound here rather than taken from MigrationProperties: an application may bring its own
		// engine with migrations auto-configuration switched off.
		boolean rollbackEnabled = Binder.get(environment)
			.bind("migrations.rollback-enabled", Boolean.class)
			.orElse(false);
		return new MigrationsEndpoint(engine::getObject, rollbackEnabled);
	}

	@Bean
	@ConditionalOnBean(MigrationsEndpoint.class)
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	MigrationsEndpointWebExtension migrationsEndpointWebExtension(MigrationsEndpoint endpoint) {
		return new MigrationsEndpointWebExtension(endpoint);
	}

}
