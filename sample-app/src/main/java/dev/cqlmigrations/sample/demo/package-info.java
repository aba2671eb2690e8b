/**
 * Demo users and clients of the sample, added in the {@code dev} profile only: data, not schema.
 */
@NullMarked
package dev.cqlmigrations.sample.demo;

import org.jspecify.annotations.NullMarked;
