/**
 * Benchmarks of the engine and the command line against raw driver baselines on a real node, run by
 * {@link dev.cqlmigrations.benchmarks.BenchmarkMain}; results are in {@code docs/benchmarks.md}.
 */
@NullMarked
package dev.cqlmigrations.benchmarks;

import org.jspecify.annotations.NullMarked;
