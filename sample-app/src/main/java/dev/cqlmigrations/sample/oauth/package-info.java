/**
 * Cassandra-backed repositories of Spring Authorization Server (clients, authorizations, consents)
 * and of the users, on the tables created by the sample's migrations.
 */
@NullMarked
package dev.cqlmigrations.sample.oauth;

import org.jspecify.annotations.NullMarked;
