package dev.cqlmigrations.springdata;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Data Cassandra application as users write it: unqualified entities, repositories, and
 * a session bound to its keyspace, which migrations create.
 */
@SpringBootApplication
public class OrdersApplication {

}
