package dev.cqlmigrations.autoconfigure;

import jakarta.servlet.Filter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.cqlmigrations.actuate.MigrationsEndpoint;
import dev.cqlmigrations.actuate.MigrationsEndpointWebExtension;
import dev.cqlmigrations.actuate.RollbackWithoutBodyFilter;
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

	/**
	 * Lets {@code POST .../migrations/rollback} come without a body and without Content-Type.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(Filter.class)
	static class ServletRollbackConfiguration {

		// Same conditions as the web extension: a nested class is processed before the outer beans.
		@Bean
		@ConditionalOnBean(MigrationEngine.class)
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint(endpoint = MigrationsEndpoint.class, exposure = EndpointExposure.WEB)
		RollbackWithoutBodyFilter migrationsRollbackWithoutBodyFilter() {
			return new RollbackWithoutBodyFilter();
		}

	}

}
