package dev.cqlmigrations.autoconfigure;

import dev.cqlmigrations.core.MigrationEngine;

/**
 * Strategy used to apply migrations when the application starts. Define a bean of this type to
 * replace the default, which applies the pending migrations up to {@code migrations.target}
 * (or only reports them with {@code migrations.dry-run}).
 */
@FunctionalInterface
public interface MigrationStrategy {

	/**
	 * Triggers the migration. Runs before the application accepts traffic; an exception stops
	 * the application unless {@code migrations.fail-on-error} is {@code false}.
	 * @param engine the migration engine
	 */
	void migrate(MigrationEngine engine);

}
