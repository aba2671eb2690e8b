package dev.cqlmigrations.core;

/**
 * A migration script found in a location.
 *
 * @param fileName the file name, e.g. {@code V1__init.cql}
 * @param location where it was found, for messages, e.g.
 * {@code classpath:db/cassandra/V1__init.cql} or {@code filesystem:/x/V1__init.cql}
 * @param content the text, read as UTF-8
 */
public record ScriptResource(String fileName, String location, String content) {

}
