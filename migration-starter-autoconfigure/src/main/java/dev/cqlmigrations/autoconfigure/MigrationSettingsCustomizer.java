package dev.cqlmigrations.autoconfigure;

import dev.cqlmigrations.core.MigrationSettings;

/**
 * Callback interface that can be implemented by beans wishing to customize the
 * {@link MigrationSettings} built from {@link MigrationProperties}, before they are validated.
 */
@FunctionalInterface
public interface MigrationSettingsCustomizer {

	/**
	 * Customizes the settings builder.
	 * @param builder the builder, already holding the values of the {@code migrations.*} properties
	 */
	void customize(MigrationSettings.Builder builder);

}
