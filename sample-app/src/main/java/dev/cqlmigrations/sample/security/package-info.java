/**
 * Security filter chains of the sample: authorization server endpoints, actuator, and the rest.
 */
@NullMarked
package dev.cqlmigrations.sample.security;

import org.jspecify.annotations.NullMarked;
