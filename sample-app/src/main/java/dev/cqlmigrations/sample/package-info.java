/**
 * The sample application: an OAuth 2 authorization server whose data lives in Cassandra, in tables
 * created by the migrations under {@code db/cassandra}.
 */
@NullMarked
package dev.cqlmigrations.sample;

import org.jspecify.annotations.NullMarked;
