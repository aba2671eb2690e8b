/**
 * Test fixtures for code that runs against Cassandra: a real node forked on this machine (or in a
 * container), shared by the tests of a JVM through {@link dev.cqlmigrations.test.EmbeddedCassandra},
 * multi-node clusters, unique keyspaces and retries that ride out a loaded machine.
 */
@NullMarked
package dev.cqlmigrations.test;

import org.jspecify.annotations.NullMarked;
