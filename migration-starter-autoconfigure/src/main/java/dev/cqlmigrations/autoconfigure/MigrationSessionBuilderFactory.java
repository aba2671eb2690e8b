package dev.cqlmigrations.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import com.datastax.oss.driver.api.core.ssl.ProgrammaticSslEngineFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails;
import org.springframework.boot.cassandra.autoconfigure.CassandraProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.util.StringUtils;

import dev.cqlmigrations.core.DdlSessionSettings;
import dev.cqlmigrations.core.MigrationConfigurationException;

/**
 * Creates the {@link CqlSessionBuilder} of the migration session: the application's contact
 * points, data center, credentials and SSL (or those of {@code migrations.cassandra.*}), no
 * keyspace, and a driver configuration of its own tuned for schema changes by
 * {@link DdlSessionSettings}.
 */
final class MigrationSessionBuilderFactory {

	private static final Logger logger = LoggerFactory.getLogger(MigrationSessionBuilderFactory.class);

	private static final int DEFAULT_PORT = 9042;

	private final MigrationProperties properties;

	private final @Nullable CassandraConnectionDetails connectionDetails;

	private final @Nullable CassandraProperties cassandraProperties;

	private final Supplier<@Nullable CqlSessionBuilder> applicationBuilder;

	private List<String> contactPoints = List.of();

	private String contactPointsProperty = "spring.cassandra.contact-points";

	/**
	 * Creates a new instance.
	 * @param properties the migration properties
	 * @param connectionDetails the application's connection, if Boot's Cassandra support is active
	 * @param cassandraProperties the {@code spring.cassandra.*} properties, if bound
	 * @param applicationBuilder supplies the application's session builder, if any; used only
	 * when there is neither a connection nor dedicated contact points
	 */
	MigrationSessionBuilderFactory(MigrationProperties properties,
			@Nullable CassandraConnectionDetails connectionDetails, @Nullable CassandraProperties cassandraProperties,
			Supplier<@Nullable CqlSessionBuilder> applicationBuilder) {
		this.properties = properties;
		this.connectionDetails = connectionDetails;
		this.cassandraProperties = cassandraProperties;
		this.applicationBuilder = applicationBuilder;
	}

	/**
	 * Creates the builder.
	 * @return a builder without keyspace
	 * @throws MigrationConfigurationException when {@code migrations.cassandra.*} is incomplete
	 */
	CqlSessionBuilder create() {
		MigrationProperties.Cassandra dedicated = this.properties.getCassandra();
		checkCredentials(dedicated);
		Duration requestTimeout = this.properties.getRequestTimeout();
		if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
			throw new MigrationConfigurationException("migrations.request-timeout must be a positive duration, was "
					+ requestTimeout + ": schema changes can take seconds, use e.g. 60s.");
		}
		if (this.connectionDetails == null && dedicated.getContactPoints().isEmpty()) {
			return fromApplicationBuilder();
		}
		ProgrammaticDriverConfigLoaderBuilder config = DriverConfigLoader.programmaticBuilder();
		DdlSessionSettings.applyTo(config, this.properties.getRequestTimeout());
		config.withString(DefaultDriverOption.SESSION_NAME, "migrations");
		List<String> contactPoints = contactPoints(dedicated);
		this.contactPoints = contactPoints;
		this.contactPointsProperty = dedicated.getContactPoints().isEmpty() ? "spring.cassandra.contact-points"
				: "migrations.cassandra.contact-points";
		if (!contactPoints.isEmpty()) {
			config.withStringList(DefaultDriverOption.CONTACT_POINTS, contactPoints);
		}
		String localDatacenter = StringUtils.hasText(dedicated.getLocalDatacenter()) ? dedicated.getLocalDatacenter()
				: (this.connectionDetails != null) ? this.connectionDetails.getLocalDatacenter() : null;
		if (StringUtils.hasText(localDatacenter)) {
			config.withString(DefaultDriverOption.LOAD_BALANCING_LOCAL_DATACENTER, localDatacenter);
		}
		applyConnectionSettings(config);
		CqlSessionBuilder builder = CqlSession.builder().withConfigLoader(config.build());
		applyCredentials(builder, dedicated);
		applySsl(builder);
		return builder;
	}

	/**
	 * Opens the session, after checking that every contact point resolves: the driver skips one
	 * that does not with a warning, and with none left it connects to 127.0.0.1:9042, which may
	 * be another cluster.
	 * @param builder the builder from {@link #create()}, customized
	 * @return the open session
	 * @throws MigrationConfigurationException naming the contact points that do not resolve
	 */
	CqlSession open(CqlSessionBuilder builder) {
		List<String> unresolved = unresolved(this.contactPoints);
		if (!unresolved.isEmpty()) {
			throw new MigrationConfigurationException("Contact point" + ((unresolved.size() > 1) ? "s " : " ")
					+ String.join(", ", unresolved) + " of " + this.contactPointsProperty + " cannot be resolved "
					+ "(unknown host). Nothing was applied: no connection was opened. Fix the host name or the DNS "
					+ "entry; the engine never falls back to another node.");
		}
		return builder.build();
	}

	static List<String> unresolved(List<String> contactPoints) {
		List<String> unresolved = new ArrayList<>();
		for (String contactPoint : contactPoints) {
			String host = host(contactPoint);
			try {
				InetAddress.getAllByName(host);
			}
			catch (UnknownHostException ex) {
				unresolved.add(contactPoint);
			}
		}
		return unresolved;
	}

	private static String host(String contactPoint) {
		int colon = contactPoint.lastIndexOf(':');
		String host = (colon > 0 && isPort(contactPoint.substring(colon + 1))) ? contactPoint.substring(0, colon)
				: contactPoint;
		return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
	}

	private CqlSessionBuilder fromApplicationBuilder() {
		CqlSessionBuilder builder = this.applicationBuilder.get();
		if (builder == null) {
			throw new MigrationConfigurationException("No Cassandra connection for migrations: configure "
					+ "spring.cassandra.* (with Spring Boot's Cassandra auto-configuration) or "
					+ "migrations.cassandra.contact-points.");
		}
		// Without connection details the driver configuration is the application's own, so the
		// DDL tuning cannot be applied; only the keyspace is cleared, as it may not exist yet.
		logger.info("Migrations use a session built from the application's CqlSessionBuilder, without DDL tuning");
		return builder.withKeyspace((CqlIdentifier) null);
	}

	private List<String> contactPoints(MigrationProperties.Cassandra dedicated) {
		if (!dedicated.getContactPoints().isEmpty()) {
			int port = (this.cassandraProperties != null) ? this.cassandraProperties.getPort() : DEFAULT_PORT;
			return dedicated.getContactPoints()
				.stream()
				.map((contactPoint) -> withPort(contactPoint.trim(), port))
				.toList();
		}
		return this.connectionDetails.getContactPoints()
			.stream()
			.map((node) -> node.host() + ":" + node.port())
			.toList();
	}

	private static String withPort(String contactPoint, int defaultPort) {
		int colon = contactPoint.lastIndexOf(':');
		if (colon > 0 && isPort(contactPoint.substring(colon + 1))) {
			return contactPoint;
		}
		return contactPoint + ":" + defaultPort;
	}

	private static boolean isPort(String text) {
		try {
			int port = Integer.parseInt(text);
			return port > 0 && port < 65536;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private void applyConnectionSettings(ProgrammaticDriverConfigLoaderBuilder config) {
		if (this.cassandraProperties == null) {
			return;
		}
		CassandraProperties cassandra = this.cassandraProperties;
		if (cassandra.getCompression() != null) {
			config.withString(DefaultDriverOption.PROTOCOL_COMPRESSION,
					cassandra.getCompression().name().toLowerCase(Locale.ROOT));
		}
		CassandraProperties.Connection connection = cassandra.getConnection();
		withDuration(config, DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, connection.getConnectTimeout());
		withDuration(config, DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, connection.getInitQueryTimeout());
		withDuration(config, DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT,
				cassandra.getControlconnection().getTimeout());
	}

	private static void withDuration(ProgrammaticDriverConfigLoaderBuilder config, DefaultDriverOption option,
			@Nullable Duration duration) {
		if (duration != null) {
			config.withDuration(option, duration);
		}
	}

	private void checkCredentials(MigrationProperties.Cassandra dedicated) {
		boolean username = StringUtils.hasText(dedicated.getUsername());
		boolean password = dedicated.getPassword() != null;
		if (username != password) {
			throw new MigrationConfigurationException((username ? "migrations.cassandra.username is set but "
					+ "migrations.cassandra.password is not" : "migrations.cassandra.password is set but "
							+ "migrations.cassandra.username is not")
					+ ": set both for a dedicated migration user, or neither to use spring.cassandra.username.");
		}
	}

	private void applyCredentials(CqlSessionBuilder builder, MigrationProperties.Cassandra dedicated) {
		if (StringUtils.hasText(dedicated.getUsername())) {
			builder.withAuthCredentials(dedicated.getUsername(), dedicated.getPassword());
			return;
		}
		if (this.connectionDetails != null && this.connectionDetails.getUsername() != null
				&& this.connectionDetails.getPassword() != null) {
			builder.withAuthCredentials(this.connectionDetails.getUsername(), this.connectionDetails.getPassword());
		}
	}

	private void applySsl(CqlSessionBuilder builder) {
		SslBundle bundle = (this.connectionDetails != null) ? this.connectionDetails.getSslBundle() : null;
		if (bundle != null) {
			builder.withSslEngineFactory(
					new ProgrammaticSslEngineFactory(bundle.createSslContext(), bundle.getOptions().getCiphers()));
		}
	}

}
