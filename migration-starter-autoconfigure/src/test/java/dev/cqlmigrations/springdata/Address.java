package dev.cqlmigrations.springdata;

import org.springframework.data.cassandra.core.mapping.UserDefinedType;

/**
 * A user-defined type created by a migration, without keyspace qualifier.
 *
 * @param street the street
 * @param city the city
 */
@UserDefinedType("address")
public record Address(String street, String city) {

}
