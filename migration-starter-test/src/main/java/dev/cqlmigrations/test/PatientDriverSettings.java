package dev.cqlmigrations.test;

import java.util.Map;

/**
 * Driver settings that let the sessions of a test JVM ride out pauses of the shared node: on a
 * loaded machine (other builds, a full GC) a node can stall for tens of seconds, and with the
 * driver's defaults a heartbeat or connection attempt then times out after 5 s, the connection
 * is closed and requests fail with "No connection was available" until a reconnection that backs
 * off up to 60 s.
 * <p>
 * Applied as {@code datastax-java-driver.*} system properties, which override the driver
 * configuration of every session of the JVM, Spring Boot's included. Only connection-level
 * settings are touched, never request timeouts or retry policies a test may set on purpose; a
 * property already set (e.g. with {@code -D}) is left as it is.
 */
public final class PatientDriverSettings {

	private static final Map<String, String> SETTINGS = Map.of(
			"datastax-java-driver.advanced.heartbeat.timeout", "30 seconds",
			"datastax-java-driver.advanced.connection.connect-timeout", "30 seconds",
			"datastax-java-driver.advanced.connection.init-query-timeout", "30 seconds",
			"datastax-java-driver.advanced.control-connection.timeout", "30 seconds",
			"datastax-java-driver.advanced.reconnection-policy.base-delay", "200 milliseconds",
			"datastax-java-driver.advanced.reconnection-policy.max-delay", "2 seconds");

	private PatientDriverSettings() {
	}

	/**
	 * Sets the system properties that are not set yet; sessions built afterwards use them.
	 */
	public static void apply() {
		SETTINGS.forEach((key, value) -> {
			if (System.getProperty(key) == null) {
				System.setProperty(key, value);
			}
		});
	}

}
