/**
 * Actuator support for CQL migrations: the {@code migrations} endpoint (status and rollback), the
 * health indicator and the Micrometer metrics.
 */
@NullMarked
package dev.cqlmigrations.actuate;

import org.jspecify.annotations.NullMarked;
