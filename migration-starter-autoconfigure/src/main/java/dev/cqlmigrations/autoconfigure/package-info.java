/**
 * Spring Boot auto-configuration of CQL migrations: {@code migrations.*} properties, the engine on a
 * session of its own, the startup run and its extension points (strategy, customizers), application
 * events and failure analyzers. The engine itself lives in {@code dev.cqlmigrations.core}.
 */
@NullMarked
package dev.cqlmigrations.autoconfigure;

import org.jspecify.annotations.NullMarked;
