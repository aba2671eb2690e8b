package dev.cqlmigrations.core;

/**
 * How a migration is defined.
 */
public enum MigrationType {

	/** A {@code .cql} script. */
	CQL,

	/** A {@link JavaMigration}. */
	JAVA,

	/** A marker set by {@code baseline}: the schema was already at this version. */
	BASELINE

}
