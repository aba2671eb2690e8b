/**
 * The {@code migrate} command line: {@code java -jar app.jar migrate <command> [options]} runs one
 * command against the application's migration engine and exits. Parsing, execution and output
 * formatting work without Spring; {@link dev.cqlmigrations.cli.MigrateModeRunListener} and
 * {@link dev.cqlmigrations.cli.MigrationCliAutoConfiguration} wire them into an application.
 */
@NullMarked
package dev.cqlmigrations.cli;

import org.jspecify.annotations.NullMarked;
