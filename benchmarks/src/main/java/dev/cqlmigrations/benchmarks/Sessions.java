package dev.cqlmigrations.benchmarks;

import java.time.Duration;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.tracker.RequestTracker;

import dev.cqlmigrations.core.DdlSessionSettings;
import dev.cqlmigrations.test.CassandraNode;

/**
 * The sessions of the benchmarks: the engine's DDL session, and the baseline session that relies
 * on the driver's own schema agreement check.
 */
final class Sessions {

	private Sessions() {
	}

	/**
	 * A session configured like the engine's own ({@link DdlSessionSettings}).
	 * @param node the node
	 * @param tracker a request tracker, or {@code null}
	 * @return the session
	 */
	static CqlSession ddl(CassandraNode node, RequestTracker tracker) {
		DriverConfigLoader config = DdlSessionSettings
			.applyTo(DriverConfigLoader.programmaticBuilder(), DdlSessionSettings.DEFAULT_REQUEST_TIMEOUT)
			.build();
		CqlSessionBuilder builder = node.sessionBuilder().withConfigLoader(config);
		if (tracker != null) {
			builder.addRequestTracker(tracker);
		}
		return builder.build();
	}

	/**
	 * Schema metadata off, but the driver's agreement check left on (timeout 10 s, its default),
	 * so that {@code session.checkSchemaAgreement()} really asks the nodes.
	 * @param node the node
	 * @return the session
	 */
	static CqlSession driverAgreement(CassandraNode node) {
		DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
			.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
			.withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
			.withDuration(DefaultDriverOption.REQUEST_TIMEOUT, DdlSessionSettings.DEFAULT_REQUEST_TIMEOUT)
			.withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(10))
			.build();
		return node.sessionBuilder().withConfigLoader(config).build();
	}

}
