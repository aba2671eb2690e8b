package dev.cqlmigrations.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;

import dev.cqlmigrations.test.CassandraNode;

/**
 * The application of the integration tests: auto-configuration only, no component scan, so that
 * each test adds exactly the beans it needs. Spring Data Cassandra, on the test classpath for the
 * tests of that setup, stays out.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
		"org.springframework.boot.data.cassandra.autoconfigure.DataCassandraAutoConfiguration",
		"org.springframework.boot.data.cassandra.autoconfigure.DataCassandraReactiveAutoConfiguration",
		"org.springframework.boot.data.cassandra.autoconfigure.DataCassandraRepositoriesAutoConfiguration",
		"org.springframework.boot.data.cassandra.autoconfigure.DataCassandraReactiveRepositoriesAutoConfiguration" })
public class TestApplication {

	/**
	 * A builder of the test application pointing at the node, without web server.
	 * @param node the node
	 * @param properties more properties, {@code name=value}
	 * @return the builder
	 */
	public static SpringApplicationBuilder builder(CassandraNode node, String... properties) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties(cassandraProperties(node))
			.properties(properties);
	}

	/**
	 * The {@code spring.cassandra.*} properties of the node, superuser credentials.
	 * @param node the node
	 * @return the properties, {@code name=value}
	 */
	public static String[] cassandraProperties(CassandraNode node) {
		List<String> properties = new ArrayList<>();
		properties.add("spring.cassandra.contact-points=" + node.contactPointText());
		properties.add("spring.cassandra.local-datacenter=" + node.localDatacenter());
		if (node.username() != null) {
			properties.add("spring.cassandra.username=" + node.username());
			properties.add("spring.cassandra.password=" + node.password());
		}
		return properties.toArray(String[]::new);
	}

}
