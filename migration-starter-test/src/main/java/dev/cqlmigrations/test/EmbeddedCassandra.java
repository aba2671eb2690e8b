package dev.cqlmigrations.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the shared real Cassandra node. Test methods and constructors can
 * take a {@link CassandraNode} or a {@link com.datastax.oss.driver.api.core.CqlSession} (one per
 * class, superuser, no keyspace). In a Spring test, {@code spring.cassandra.contact-points},
 * {@code local-datacenter}, {@code username} and {@code password} point at the node, ahead of
 * {@code application.yml}, profile files, system properties and environment variables, so that
 * the test never reaches the cluster the application is configured for.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(CassandraNodeExtension.class)
public @interface EmbeddedCassandra {

}
