/**
 * The migration engine: loads versioned {@code .cql} scripts (and Java migrations), validates them
 * against the history table, and applies, rolls back or repairs them exactly once under a
 * cluster-wide lease, waiting for schema agreement where it matters. Plain Java on the Cassandra
 * driver; {@link dev.cqlmigrations.core.MigrationEngine} is the entry point, configured by
 * {@link dev.cqlmigrations.core.MigrationSettings}.
 */
@NullMarked
package dev.cqlmigrations.core;

import org.jspecify.annotations.NullMarked;
