package dev.cqlmigrations.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.cqlmigrations.core.KeyspaceReplication;

/**
 * Configuration properties of CQL migrations. Defaults are written out as literals so that the
 * configuration metadata shows them; a test checks that they equal the engine's defaults.
 */
@ConfigurationProperties("migrations")
public class MigrationProperties {

	/**
	 * Whether to enable CQL migrations.
	 */
	private boolean enabled = true;

	/**
	 * Whether to apply pending migrations when the application is ready, before it accepts
	 * traffic.
	 */
	private boolean runOnStartup = true;

	/**
	 * When the startup migration runs: 'auto' runs it during context refresh, before the
	 * application's CqlSession and the beans using it, when 'spring.cassandra.keyspace-name' is
	 * set, and when the application is ready otherwise.
	 */
	private StartupPhase startupPhase = StartupPhase.AUTO;

	/**
	 * Locations of migration scripts, 'classpath:' or 'filesystem:' prefixed.
	 */
	private List<String> locations = new ArrayList<>(List.of("classpath:db/cassandra"));

	/**
	 * Keyspace holding the history and lock tables, and of unqualified table names in scripts.
	 * Defaults to 'spring.cassandra.keyspace-name'.
	 */
	private @Nullable String keyspace;

	/**
	 * Name of the history table.
	 */
	private String historyTable = "migration_history";

	/**
	 * Whether to create the keyspace when it does not exist, with the configured replication.
	 */
	private boolean createKeyspace = true;

	/**
	 * Placeholders replaced in scripts, written as ${name}.
	 */
	private Map<String, String> placeholders = new LinkedHashMap<>();

	/**
	 * Version to migrate up to, or 'latest' for all pending migrations.
	 */
	private @Nullable String target;

	/**
	 * Whether to apply pending migrations older than the latest applied one.
	 */
	private boolean outOfOrder = false;

	/**
	 * Whether to validate the scripts against the history before migrating.
	 */
	private boolean validateOnMigrate = true;

	/**
	 * Maximum time to wait for every node to agree on the schema after each change.
	 */
	private Duration schemaAgreementTimeout = Duration.ofSeconds(30);

	/**
	 * Request timeout of migration statements, on the migration's own session.
	 */
	private Duration requestTimeout = Duration.ofSeconds(60);

	/**
	 * Whether to only log, at startup, the statements that pending migrations would run,
	 * changing nothing.
	 */
	private boolean dryRun = false;

	/**
	 * Whether a failed startup migration stops the application. When false, the error is
	 * logged, the application keeps running and the 'migrations' health is DOWN.
	 */
	private boolean failOnError = true;

	/**
	 * Whether to record an empty history as being at the baseline version before migrating.
	 */
	private boolean baselineOnMigrate = false;

	/**
	 * Version recorded by a baseline; migrations up to it never run.
	 */
	private String baselineVersion = "1";

	/**
	 * Description recorded by a baseline.
	 */
	private String baselineDescription = "<< Baseline >>";

	/**
	 * Whether migrations may be rolled back through the 'migrations' actuator endpoint.
	 */
	private boolean rollbackEnabled = false;

	/**
	 * Who is recorded in the history as having applied migrations. Defaults to user@host.
	 */
	private @Nullable String installedBy;

	private final Replication replication = new Replication();

	private final Lock lock = new Lock();

	private final Consistency consistency = new Consistency();

	private final Cassandra cassandra = new Cassandra();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isRunOnStartup() {
		return this.runOnStartup;
	}

	public void setRunOnStartup(boolean runOnStartup) {
		this.runOnStartup = runOnStartup;
	}

	public StartupPhase getStartupPhase() {
		return this.startupPhase;
	}

	public void setStartupPhase(StartupPhase startupPhase) {
		this.startupPhase = startupPhase;
	}

	public List<String> getLocations() {
		return this.locations;
	}

	public void setLocations(List<String> locations) {
		this.locations = locations;
	}

	public @Nullable String getKeyspace() {
		return this.keyspace;
	}

	public void setKeyspace(@Nullable String keyspace) {
		this.keyspace = keyspace;
	}

	public String getHistoryTable() {
		return this.historyTable;
	}

	public void setHistoryTable(String historyTable) {
		this.historyTable = historyTable;
	}

	public boolean isCreateKeyspace() {
		return this.createKeyspace;
	}

	public void setCreateKeyspace(boolean createKeyspace) {
		this.createKeyspace = createKeyspace;
	}

	public Map<String, String> getPlaceholders() {
		return this.placeholders;
	}

	public void setPlaceholders(Map<String, String> placeholders) {
		this.placeholders = placeholders;
	}

	public @Nullable String getTarget() {
		return this.target;
	}

	public void setTarget(@Nullable String target) {
		this.target = target;
	}

	public boolean isOutOfOrder() {
		return this.outOfOrder;
	}

	public void setOutOfOrder(boolean outOfOrder) {
		this.outOfOrder = outOfOrder;
	}

	public boolean isValidateOnMigrate() {
		return this.validateOnMigrate;
	}

	public void setValidateOnMigrate(boolean validateOnMigrate) {
		this.validateOnMigrate = validateOnMigrate;
	}

	public Duration getSchemaAgreementTimeout() {
		return this.schemaAgreementTimeout;
	}

	public void setSchemaAgreementTimeout(Duration schemaAgreementTimeout) {
		this.schemaAgreementTimeout = schemaAgreementTimeout;
	}

	public Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	public void setRequestTimeout(Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
	}

	public boolean isDryRun() {
		return this.dryRun;
	}

	public void setDryRun(boolean dryRun) {
		this.dryRun = dryRun;
	}

	public boolean isFailOnError() {
		return this.failOnError;
	}

	public void setFailOnError(boolean failOnError) {
		this.failOnError = failOnError;
	}

	public boolean isBaselineOnMigrate() {
		return this.baselineOnMigrate;
	}

	public void setBaselineOnMigrate(boolean baselineOnMigrate) {
		this.baselineOnMigrate = baselineOnMigrate;
	}

	public String getBaselineVersion() {
		return this.baselineVersion;
	}

	public void setBaselineVersion(String baselineVersion) {
		this.baselineVersion = baselineVersion;
	}

	public String getBaselineDescription() {
		return this.baselineDescription;
	}

	public void setBaselineDescription(String baselineDescription) {
		this.baselineDescription = baselineDescription;
	}

	public boolean isRollbackEnabled() {
		return this.rollbackEnabled;
	}

	public void setRollbackEnabled(boolean rollbackEnabled) {
		this.rollbackEnabled = rollbackEnabled;
	}

	public @Nullable String getInstalledBy() {
		return this.installedBy;
	}

	public void setInstalledBy(@Nullable String installedBy) {
		this.installedBy = installedBy;
	}

	public Replication getReplication() {
		return this.replication;
	}

	public Lock getLock() {
		return this.lock;
	}

	public Consistency getConsistency() {
		return this.consistency;
	}

	public Cassandra getCassandra() {
		return this.cassandra;
	}

	/**
	 * Replication of the keyspace when migrations create it. An existing keyspace is never
	 * altered. When none of these is set, a single node gets SimpleStrategy with 1 replica and a
	 * larger cluster NetworkTopologyStrategy with min(3, nodes) replicas per data center.
	 */
	public static class Replication {

		/**
		 * Replication strategy of a created keyspace.
		 */
		private KeyspaceReplication.Strategy strategy = KeyspaceReplication.Strategy.SIMPLE;

		/**
		 * Number of replicas, with the simple strategy.
		 */
		private int replicationFactor = 1;

		/**
		 * Number of replicas per data center, with the network-topology strategy.
		 */
		private Map<String, Integer> datacenters = new LinkedHashMap<>();

		public KeyspaceReplication.Strategy getStrategy() {
			return this.strategy;
		}

		public void setStrategy(KeyspaceReplication.Strategy strategy) {
			this.strategy = strategy;
		}

		public int getReplicationFactor() {
			return this.replicationFactor;
		}

		public void setReplicationFactor(int replicationFactor) {
			this.replicationFactor = replicationFactor;
		}

		public Map<String, Integer> getDatacenters() {
			return this.datacenters;
		}

		public void setDatacenters(Map<String, Integer> datacenters) {
			this.datacenters = datacenters;
		}

	}

	/**
	 * The cluster-wide lock that lets one instance migrate at a time.
	 */
	public static class Lock {

		/**
		 * Time a lock lives without a heartbeat, so that a crashed holder's lock expires.
		 */
		private Duration ttl = Duration.ofSeconds(30);

		/**
		 * Maximum time to wait for a lock held by another instance.
		 */
		private Duration waitTimeout = Duration.ofMinutes(5);

		/**
		 * Name of the lock table.
		 */
		private String table = "migration_lock";

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public Duration getWaitTimeout() {
			return this.waitTimeout;
		}

		public void setWaitTimeout(Duration waitTimeout) {
			this.waitTimeout = waitTimeout;
		}

		public String getTable() {
			return this.table;
		}

		public void setTable(String table) {
			this.table = table;
		}

	}

	/**
	 * Consistency levels of the history and the lock. Cluster-wide by default: with {@code LOCAL_*}
	 * levels two datacenters that cannot see each other would both migrate.
	 */
	public static class Consistency {

		/**
		 * Consistency level of history and lock writes.
		 */
		private DefaultConsistencyLevel write = DefaultConsistencyLevel.QUORUM;

		/**
		 * Consistency level of history reads.
		 */
		private DefaultConsistencyLevel read = DefaultConsistencyLevel.QUORUM;

		/**
		 * Serial consistency level of the lock's lightweight transactions.
		 */
		private DefaultConsistencyLevel serial = DefaultConsistencyLevel.SERIAL;

		public DefaultConsistencyLevel getWrite() {
			return this.write;
		}

		public void setWrite(DefaultConsistencyLevel write) {
			this.write = write;
		}

		public DefaultConsistencyLevel getRead() {
			return this.read;
		}

		public void setRead(DefaultConsistencyLevel read) {
			this.read = read;
		}

		public DefaultConsistencyLevel getSerial() {
			return this.serial;
		}

		public void setSerial(DefaultConsistencyLevel serial) {
			this.serial = serial;
		}

	}

	/**
	 * A dedicated connection for migrations, so that the application's own user needs no
	 * schema rights. Each value not set is taken from the application's Cassandra connection.
	 */
	public static class Cassandra {

		/**
		 * Cluster node addresses in the form 'host:port' or 'host', for migrations only.
		 */
		private List<String> contactPoints = new ArrayList<>();

		/**
		 * Data center that is considered local, for migrations only.
		 */
		private @Nullable String localDatacenter;

		/**
		 * Login user of the migration session, which needs the rights to change the schema.
		 */
		private @Nullable String username;

		/**
		 * Login password of the migration session.
		 */
		private @Nullable String password;

		public List<String> getContactPoints() {
			return this.contactPoints;
		}

		public void setContactPoints(List<String> contactPoints) {
			this.contactPoints = contactPoints;
		}

		public @Nullable String getLocalDatacenter() {
			return this.localDatacenter;
		}

		public void setLocalDatacenter(@Nullable String localDatacenter) {
			this.localDatacenter = localDatacenter;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

	}

	/**
	 * When the startup migration runs.
	 */
	public enum StartupPhase {

		/**
		 * During context refresh when 'spring.cassandra.keyspace-name' is set, otherwise when the
		 * application is ready.
		 */
		AUTO,

		/**
		 * During context refresh, before the application's CqlSession and the beans using it.
		 */
		CONTEXT_REFRESH,

		/**
		 * When the application is ready, before readiness turns ACCEPTING_TRAFFIC.
		 */
		APPLICATION_READY

	}

}
