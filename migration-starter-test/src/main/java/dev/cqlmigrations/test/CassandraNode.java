package dev.cqlmigrations.test;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;

/**
 * A running Cassandra node that tests can connect to: a forked JVM on this machine by default,
 * or a container where a Docker engine exists.
 */
public interface CassandraNode extends AutoCloseable {

	/**
	 * Address of the node's CQL (native protocol) port.
	 * @return the contact point
	 */
	InetSocketAddress contactPoint();

	/**
	 * Contact point in the {@code host:port} form used by {@code spring.cassandra.contact-points}.
	 * @return the contact point as text
	 */
	default String contactPointText() {
		InetSocketAddress address = contactPoint();
		return address.getHostString() + ":" + address.getPort();
	}

	/**
	 * Name of the node's data center, needed by the driver's load balancing policy.
	 * @return the local data center
	 */
	String localDatacenter();

	/**
	 * User name of a superuser, or {@code null} when the node does not authenticate.
	 * @return the user name
	 */
	String username();

	/**
	 * Password of {@link #username()}, or {@code null} when the node does not authenticate.
	 * @return the password
	 */
	String password();

	/**
	 * A session builder already pointing at this node with superuser credentials.
	 * @return a new builder
	 */
	default CqlSessionBuilder sessionBuilder() {
		CqlSessionBuilder builder = CqlSession.builder()
			.addContactPoint(contactPoint())
			.withLocalDatacenter(localDatacenter());
		if (username() != null) {
			builder.withAuthCredentials(username(), password());
		}
		return builder;
	}

	/**
	 * The {@code spring.cassandra.*} properties that point an application at this node.
	 * @return contact points, local data center, a request timeout and, when the node
	 * authenticates, credentials
	 */
	default Map<String, Object> springProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.cassandra.contact-points", contactPointText());
		properties.put("spring.cassandra.local-datacenter", localDatacenter());
		// The driver's 2 s default fails requests whenever a loaded test machine stalls the node.
		properties.put("spring.cassandra.request.timeout", "30s");
		if (username() != null) {
			properties.put("spring.cassandra.username", username());
			properties.put("spring.cassandra.password", password());
		}
		return properties;
	}

	/**
	 * Stops the node and removes what it wrote.
	 */
	@Override
	void close();

}
