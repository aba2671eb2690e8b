/**
 * Lets the sample start a local Cassandra node when none is configured.
 */
@NullMarked
package dev.cqlmigrations.sample.embedded;

import org.jspecify.annotations.NullMarked;
