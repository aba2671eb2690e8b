package dev.cqlmigrations.core;

/**
 * One statement of a script, without its terminating semicolon, and where it starts.
 *
 * @param cql the statement text, trimmed, comments outside the statement removed
 * @param line 1-based line where the statement starts
 * @param column 1-based column where the statement starts
 */
public record CqlStatement(String cql, int line, int column) {

}
