package dev.cqlmigrations.autoconfigure;

import com.datastax.oss.driver.api.core.CqlSessionBuilder;

/**
 * Callback interface that can be implemented by beans wishing to customize the
 * {@link CqlSessionBuilder} of the migration session (see {@link MigrationSession}) before it is
 * built, e.g. to add an authentication provider or SSL settings. The application's own
 * {@code CqlSessionBuilderCustomizer} beans are not applied to it.
 */
@FunctionalInterface
public interface MigrationSessionBuilderCustomizer {

	/**
	 * Customizes the builder of the migration session.
	 * @param builder the builder to customize
	 */
	void customize(CqlSessionBuilder builder);

}
