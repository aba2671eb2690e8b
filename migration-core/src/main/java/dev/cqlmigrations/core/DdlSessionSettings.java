package dev.cqlmigrations.core;

import java.time.Duration;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;

/**
 * Driver settings of the engine's own session. Schema metadata refresh after every DDL costs
 * about a second per statement (a debounced refresh) and is not needed: the engine checks
 * agreement itself, node by node. Schema changes can take seconds on a loaded cluster, hence a
 * long request timeout. The agreement check asks every node of every datacenter, so the session
 * keeps a connection to the nodes of remote datacenters too.
 */
public final class DdlSessionSettings {

	/** Default request timeout of the DDL session. */
	public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

	/** Remote-datacenter nodes the session connects to, per datacenter: in practice all of them. */
	static final int MAX_NODES_PER_REMOTE_DC = 1000;

	private DdlSessionSettings() {
	}

	/**
	 * Applies the DDL settings to a programmatic driver configuration.
	 * @param builder the configuration builder
	 * @param requestTimeout the request timeout for migration statements
	 * @return the same builder
	 */
	public static ProgrammaticDriverConfigLoaderBuilder applyTo(ProgrammaticDriverConfigLoaderBuilder builder,
			Duration requestTimeout) {
		return builder.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
			.withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
			.withDuration(DefaultDriverOption.REQUEST_TIMEOUT, requestTimeout)
			// The driver's own agreement wait is replaced by the engine's per-node check.
			.withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ZERO)
			.withBoolean(DefaultDriverOption.REQUEST_WARN_IF_SET_KEYSPACE, false)
			// One connection to each remote node, for the per-node schema version; LOCAL_* requests
			// still stay in the local datacenter.
			.withInt(DefaultDriverOption.LOAD_BALANCING_DC_FAILOVER_MAX_NODES_PER_REMOTE_DC, MAX_NODES_PER_REMOTE_DC)
			.withBoolean(DefaultDriverOption.LOAD_BALANCING_DC_FAILOVER_ALLOW_FOR_LOCAL_CONSISTENCY_LEVELS, false);
	}

}
