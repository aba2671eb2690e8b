package dev.cqlmigrations.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Replication of the history keyspace when the engine has to create it. An existing keyspace is
 * never altered.
 *
 * @param strategy the replication strategy
 * @param replicationFactor replicas for {@link Strategy#SIMPLE}
 * @param datacenters replicas per data center for {@link Strategy#NETWORK_TOPOLOGY}
 */
public record KeyspaceReplication(Strategy strategy, int replicationFactor, Map<String, Integer> datacenters) {

	private static final Pattern DATACENTER = Pattern.compile("[A-Za-z0-9_.\\-]+");

	/** Canonical constructor, copying the map. */
	public KeyspaceReplication {
		datacenters = (datacenters != null) ? Map.copyOf(new LinkedHashMap<>(datacenters)) : Map.of();
	}

	/**
	 * SimpleStrategy with the given replication factor, for development and single-DC tests.
	 * @param replicationFactor the number of replicas
	 * @return the replication
	 */
	public static KeyspaceReplication simple(int replicationFactor) {
		return new KeyspaceReplication(Strategy.SIMPLE, replicationFactor, Map.of());
	}

	/**
	 * NetworkTopologyStrategy with replicas per data center, for production.
	 * @param datacenters replicas per data center
	 * @return the replication
	 */
	public static KeyspaceReplication networkTopology(Map<String, Integer> datacenters) {
		return new KeyspaceReplication(Strategy.NETWORK_TOPOLOGY, 0, datacenters);
	}

	/**
	 * The replication map as CQL, after validating every value.
	 * @return e.g. {@code {'class': 'SimpleStrategy', 'replication_factor': 1}}
	 * @throws MigrationConfigurationException when a value is invalid
	 */
	public String toCql() {
		if (this.strategy == Strategy.SIMPLE) {
			if (this.replicationFactor < 1) {
				throw new MigrationConfigurationException("Invalid migrations.replication.replication-factor "
						+ this.replicationFactor + ": use 1 or more.");
			}
			return "{'class': 'SimpleStrategy', 'replication_factor': " + this.replicationFactor + "}";
		}
		if (this.datacenters.isEmpty()) {
			throw new MigrationConfigurationException("migrations.replication.strategy is network-topology but "
					+ "migrations.replication.datacenters is empty: set e.g. migrations.replication.datacenters.dc1=3.");
		}
		StringJoiner cql = new StringJoiner(", ", "{", "}");
		cql.add("'class': 'NetworkTopologyStrategy'");
		this.datacenters.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((entry) -> cql.add(datacenter(entry.getKey()) + ": " + factor(entry.getKey(), entry.getValue())));
		return cql.toString();
	}

	private static String datacenter(String name) {
		if (!DATACENTER.matcher(name).matches()) {
			throw new MigrationConfigurationException("Invalid data center name '" + name
					+ "' in migrations.replication.datacenters: use letters, digits, '_', '-' or '.'.");
		}
		return CqlIdentifiers.literal(name);
	}

	private static int factor(String datacenter, Integer factor) {
		if (factor == null || factor < 1) {
			throw new MigrationConfigurationException("Invalid replication factor " + factor + " for data center '"
					+ datacenter + "' in migrations.replication.datacenters: use 1 or more.");
		}
		return factor;
	}

	/** Replication strategies supported for the history keyspace. */
	public enum Strategy {

		/** {@code SimpleStrategy}. */
		SIMPLE,

		/** {@code NetworkTopologyStrategy}. */
		NETWORK_TOPOLOGY

	}

}
