/**
 * Baselines of the command-line benchmark ({@code docs/benchmarks.md}): mains that do the least a
 * command has to do, launched from the packaged sample as the {@code migrate} commands are.
 */
@NullMarked
package dev.cqlmigrations.sample.baseline;

import org.jspecify.annotations.NullMarked;
