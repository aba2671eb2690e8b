/**
 * Entry point of the forked test Cassandra node, packaged with the classpath the node runs on.
 */
@NullMarked
package dev.cqlmigrations.test.node;

import org.jspecify.annotations.NullMarked;
