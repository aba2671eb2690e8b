package dev.cqlmigrations.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import org.jspecify.annotations.Nullable;

/**
 * Everything the engine needs to know, immutable. Build with {@link #builder(String)}; the
 * defaults are those documented for the {@code migrations.*} properties.
 */
public final class MigrationSettings {

	/** Default location of migration scripts. */
	public static final String DEFAULT_LOCATION = "classpath:db/cassandra";

	/** Default name of the history table. */
	public static final String DEFAULT_HISTORY_TABLE = "migration_history";

	/** Default name of the lock table. */
	public static final String DEFAULT_LOCK_TABLE = "migration_lock";

	/** Longest accepted {@code migrations.lock.ttl}. */
	public static final Duration MAX_LOCK_TTL = Duration.ofHours(24);

	private final String keyspace;

	private final String historyTable;

	private final String lockTable;

	private final List<String> locations;

	private final List<JavaMigration> javaMigrations;

	private final Map<String, String> placeholders;

	private final @Nullable String target;

	private final boolean outOfOrder;

	private final boolean validateOnMigrate;

	private final boolean createKeyspace;

	private final KeyspaceReplication replication;

	private final boolean replicationConfigured;

	private final Duration schemaAgreementTimeout;

	private final Duration lockTtl;

	private final Duration lockWaitTimeout;

	private final ConsistencyLevel writeConsistency;

	private final ConsistencyLevel readConsistency;

	private final ConsistencyLevel serialConsistency;

	private final String installedBy;

	private final boolean baselineOnMigrate;

	private final String baselineVersion;

	private final String baselineDescription;

	private final ClassLoader classLoader;

	private MigrationSettings(Builder builder) {
		this.keyspace = CqlIdentifiers.validName(builder.keyspace, "migrations.keyspace");
		this.historyTable = CqlIdentifiers.validName(builder.historyTable, "migrations.history-table");
		this.lockTable = CqlIdentifiers.validName(builder.lockTable, "migrations.lock.table");
		if (this.historyTable.equals(this.lockTable)) {
			throw new MigrationConfigurationException("migrations.history-table and migrations.lock.table are both '"
					+ this.historyTable + "': give them different names.");
		}
		if (builder.locations.isEmpty() && builder.javaMigrations.isEmpty()) {
			throw new MigrationConfigurationException("migrations.locations is empty: set at least one location, "
					+ "e.g. " + DEFAULT_LOCATION + ".");
		}
		this.locations = List.copyOf(builder.locations);
		this.javaMigrations = List.copyOf(builder.javaMigrations);
		this.placeholders = Map.copyOf(builder.placeholders);
		this.target = blankToNull(builder.target);
		if (this.target != null && !"latest".equalsIgnoreCase(this.target)) {
			parseVersion(this.target, "migrations.target");
		}
		this.outOfOrder = builder.outOfOrder;
		this.validateOnMigrate = builder.validateOnMigrate;
		this.createKeyspace = builder.createKeyspace;
		this.replication = builder.replication;
		this.replication.toCql();
		this.replicationConfigured = builder.replicationConfigured;
		this.schemaAgreementTimeout = positive(builder.schemaAgreementTimeout, "migrations.schema-agreement-timeout");
		this.lockTtl = positive(builder.lockTtl, "migrations.lock.ttl");
		if (this.lockTtl.toSeconds() < 3) {
			throw new MigrationConfigurationException("migrations.lock.ttl is " + this.lockTtl.toMillis()
					+ " ms: use at least 3s, so that heartbeats can renew the lease in time.");
		}
		this.lockWaitTimeout = positive(builder.lockWaitTimeout, "migrations.lock.wait-timeout");
		if (this.lockTtl.compareTo(MAX_LOCK_TTL) > 0) {
			throw new MigrationConfigurationException("migrations.lock.ttl is " + this.lockTtl.toSeconds()
					+ " s: use at most " + MAX_LOCK_TTL.toHours() + "h. The lease is renewed while a run works; its "
					+ "TTL only decides how long a crashed run blocks the next one (and Cassandra TTLs overflow "
					+ "above ~20 years).");
		}
		this.writeConsistency = checkWrite(builder.writeConsistency);
		this.readConsistency = checkRead(builder.readConsistency);
		this.serialConsistency = builder.serialConsistency;
		if (!this.serialConsistency.isSerial()) {
			throw new MigrationConfigurationException("migrations.consistency.serial is " + this.serialConsistency
					+ ": use SERIAL or LOCAL_SERIAL.");
		}
		this.installedBy = (builder.installedBy != null) ? builder.installedBy : defaultInstalledBy();
		this.baselineOnMigrate = builder.baselineOnMigrate;
		this.baselineVersion = (builder.baselineVersion != null) ? builder.baselineVersion : "1";
		parseVersion(this.baselineVersion, "migrations.baseline-version");
		this.baselineDescription = builder.baselineDescription;
		this.classLoader = (builder.classLoader != null) ? builder.classLoader
				: MigrationSettings.class.getClassLoader();
	}

	/**
	 * Starts a builder with the defaults.
	 * @param keyspace the keyspace holding the history and lock tables, and the default
	 * keyspace of unqualified names in scripts
	 * @return the builder
	 */
	public static Builder builder(String keyspace) {
		return new Builder(keyspace);
	}

	/**
	 * A builder starting from these settings.
	 * @return a builder with every value of this instance
	 */
	public Builder toBuilder() {
		Builder builder = new Builder(this.keyspace).historyTable(this.historyTable)
			.lockTable(this.lockTable)
			.locations(this.locations)
			.javaMigrations(this.javaMigrations)
			.placeholders(this.placeholders)
			.target(this.target)
			.outOfOrder(this.outOfOrder)
			.validateOnMigrate(this.validateOnMigrate)
			.createKeyspace(this.createKeyspace)
			.replication(this.replication)
			.schemaAgreementTimeout(this.schemaAgreementTimeout)
			.lockTtl(this.lockTtl)
			.lockWaitTimeout(this.lockWaitTimeout)
			.writeConsistency(this.writeConsistency)
			.readConsistency(this.readConsistency)
			.serialConsistency(this.serialConsistency)
			.installedBy(this.installedBy)
			.baselineOnMigrate(this.baselineOnMigrate)
			.baselineVersion(this.baselineVersion)
			.baselineDescription(this.baselineDescription)
			.classLoader(this.classLoader);
		builder.replicationConfigured = this.replicationConfigured;
		return builder;
	}

	static MigrationVersion parseVersion(String text, String setting) {
		try {
			return MigrationVersion.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new MigrationConfigurationException("Invalid " + setting + ": " + ex.getMessage() + ".");
		}
	}

	// ANY does not even promise that a replica has the history row; serial levels are for the lock's Paxos phase.
	private static ConsistencyLevel checkWrite(ConsistencyLevel level) {
		if (level == null || level == DefaultConsistencyLevel.ANY || level.isSerial()) {
			throw new MigrationConfigurationException("migrations.consistency.write is " + level + ": use QUORUM, "
					+ "LOCAL_QUORUM, EACH_QUORUM, ALL, ONE, TWO or THREE (ANY would not even store the history on a "
					+ "replica; SERIAL and LOCAL_SERIAL belong in migrations.consistency.serial).");
		}
		return level;
	}

	// Cassandra refuses reads at ANY and EACH_QUORUM.
	private static ConsistencyLevel checkRead(ConsistencyLevel level) {
		if (level == null || level == DefaultConsistencyLevel.ANY || level == DefaultConsistencyLevel.EACH_QUORUM) {
			throw new MigrationConfigurationException("migrations.consistency.read is " + level + ": use QUORUM, "
					+ "LOCAL_QUORUM, SERIAL, LOCAL_SERIAL, ALL, ONE, TWO or THREE (Cassandra refuses reads at ANY and "
					+ "EACH_QUORUM).");
		}
		return level;
	}

	private static Duration positive(Duration duration, String setting) {
		if (duration == null || duration.isNegative() || duration.isZero()) {
			throw new MigrationConfigurationException(setting + " must be a positive duration, was " + duration + ".");
		}
		return duration;
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text.trim();
	}

	private static String defaultInstalledBy() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "unknown-host";
		}
		return System.getProperty("user.name", "unknown") + "@" + host;
	}

	/** @return the keyspace of the history and of unqualified names, lower case */
	public String keyspace() {
		return this.keyspace;
	}

	/** @return the history table name */
	public String historyTable() {
		return this.historyTable;
	}

	/** @return the lock table name */
	public String lockTable() {
		return this.lockTable;
	}

	/** @return the script locations ({@code classpath:} or {@code filesystem:}) */
	public List<String> locations() {
		return this.locations;
	}

	/** @return the Java migrations */
	public List<JavaMigration> javaMigrations() {
		return this.javaMigrations;
	}

	/** @return placeholder values by name */
	public Map<String, String> placeholders() {
		return this.placeholders;
	}

	/** @return the version to migrate up to, {@code null} for the latest */
	public @Nullable String target() {
		return this.target;
	}

	/** @return whether pending versions older than the latest applied may still be applied */
	public boolean outOfOrder() {
		return this.outOfOrder;
	}

	/** @return whether to validate against the history before migrating */
	public boolean validateOnMigrate() {
		return this.validateOnMigrate;
	}

	/** @return whether to create the history keyspace when it does not exist */
	public boolean createKeyspace() {
		return this.createKeyspace;
	}

	/** @return the replication used when creating the history keyspace */
	public KeyspaceReplication replication() {
		return this.replication;
	}

	/**
	 * Whether the replication was set rather than defaulted: on a cluster of several nodes, the
	 * default is chosen from the cluster's data centers instead.
	 * @return {@code true} when {@link Builder#replication(KeyspaceReplication)} was called
	 */
	public boolean replicationConfigured() {
		return this.replicationConfigured;
	}

	/** @return how long to wait for all nodes to agree on the schema after a change */
	public Duration schemaAgreementTimeout() {
		return this.schemaAgreementTimeout;
	}

	/** @return how long a lock lease lives without a heartbeat */
	public Duration lockTtl() {
		return this.lockTtl;
	}

	/** @return how long to wait for another instance's lock */
	public Duration lockWaitTimeout() {
		return this.lockWaitTimeout;
	}

	/** @return consistency of history writes */
	public ConsistencyLevel writeConsistency() {
		return this.writeConsistency;
	}

	/** @return consistency of history reads */
	public ConsistencyLevel readConsistency() {
		return this.readConsistency;
	}

	/** @return serial consistency of lock operations */
	public ConsistencyLevel serialConsistency() {
		return this.serialConsistency;
	}

	/** @return who is recorded as having applied migrations */
	public String installedBy() {
		return this.installedBy;
	}

	/** @return whether an empty history is baselined before the first migration */
	public boolean baselineOnMigrate() {
		return this.baselineOnMigrate;
	}

	/** @return the version recorded by a baseline */
	public String baselineVersion() {
		return this.baselineVersion;
	}

	/** @return the description recorded by a baseline */
	public String baselineDescription() {
		return this.baselineDescription;
	}

	/** @return the class loader used for {@code classpath:} locations */
	public ClassLoader classLoader() {
		return this.classLoader;
	}

	/**
	 * Builder of {@link MigrationSettings}.
	 */
	public static final class Builder {

		private final String keyspace;

		private String historyTable = DEFAULT_HISTORY_TABLE;

		private String lockTable = DEFAULT_LOCK_TABLE;

		private List<String> locations = List.of(DEFAULT_LOCATION);

		private List<JavaMigration> javaMigrations = new ArrayList<>();

		private Map<String, String> placeholders = new LinkedHashMap<>();

		private @Nullable String target;

		private boolean outOfOrder;

		private boolean validateOnMigrate = true;

		private boolean createKeyspace = true;

		private KeyspaceReplication replication = KeyspaceReplication.simple(1);

		private boolean replicationConfigured;

		private Duration schemaAgreementTimeout = Duration.ofSeconds(30);

		private Duration lockTtl = Duration.ofSeconds(30);

		private Duration lockWaitTimeout = Duration.ofMinutes(5);

		// Cluster-wide, not LOCAL_*: two datacenters cut off from each other must not both migrate.
		private ConsistencyLevel writeConsistency = DefaultConsistencyLevel.QUORUM;

		private ConsistencyLevel readConsistency = DefaultConsistencyLevel.QUORUM;

		private ConsistencyLevel serialConsistency = DefaultConsistencyLevel.SERIAL;

		private @Nullable String installedBy;

		private boolean baselineOnMigrate;

		private String baselineVersion = "1";

		private String baselineDescription = "<< Baseline >>";

		private @Nullable ClassLoader classLoader;

		private Builder(String keyspace) {
			this.keyspace = keyspace;
		}

		/** @param historyTable the history table name @return this builder */
		public Builder historyTable(String historyTable) {
			this.historyTable = historyTable;
			return this;
		}

		/** @param lockTable the lock table name @return this builder */
		public Builder lockTable(String lockTable) {
			this.lockTable = lockTable;
			return this;
		}

		/** @param locations script locations @return this builder */
		public Builder locations(List<String> locations) {
			this.locations = List.copyOf(locations);
			return this;
		}

		/** @param javaMigrations Java migrations @return this builder */
		public Builder javaMigrations(List<? extends JavaMigration> javaMigrations) {
			this.javaMigrations = new ArrayList<>(javaMigrations);
			return this;
		}

		/** @param placeholders placeholder values by name @return this builder */
		public Builder placeholders(Map<String, String> placeholders) {
			this.placeholders = new LinkedHashMap<>(placeholders);
			return this;
		}

		/** @param target version to migrate up to, {@code null} or "latest" for all @return this builder */
		public Builder target(@Nullable String target) {
			this.target = target;
			return this;
		}

		/** @param outOfOrder whether older pending versions may be applied @return this builder */
		public Builder outOfOrder(boolean outOfOrder) {
			this.outOfOrder = outOfOrder;
			return this;
		}

		/** @param validateOnMigrate whether to validate before migrating @return this builder */
		public Builder validateOnMigrate(boolean validateOnMigrate) {
			this.validateOnMigrate = validateOnMigrate;
			return this;
		}

		/** @param createKeyspace whether to create a missing history keyspace @return this builder */
		public Builder createKeyspace(boolean createKeyspace) {
			this.createKeyspace = createKeyspace;
			return this;
		}

		/** @param replication replication of a created history keyspace @return this builder */
		public Builder replication(KeyspaceReplication replication) {
			this.replication = replication;
			this.replicationConfigured = true;
			return this;
		}

		/** @param timeout wait for schema agreement after each change @return this builder */
		public Builder schemaAgreementTimeout(Duration timeout) {
			this.schemaAgreementTimeout = timeout;
			return this;
		}

		/** @param ttl life of a lock lease without heartbeat @return this builder */
		public Builder lockTtl(Duration ttl) {
			this.lockTtl = ttl;
			return this;
		}

		/** @param timeout how long to wait for the lock @return this builder */
		public Builder lockWaitTimeout(Duration timeout) {
			this.lockWaitTimeout = timeout;
			return this;
		}

		/** @param consistency consistency of history writes @return this builder */
		public Builder writeConsistency(ConsistencyLevel consistency) {
			this.writeConsistency = consistency;
			return this;
		}

		/** @param consistency consistency of history reads @return this builder */
		public Builder readConsistency(ConsistencyLevel consistency) {
			this.readConsistency = consistency;
			return this;
		}

		/** @param consistency serial consistency of the lock @return this builder */
		public Builder serialConsistency(ConsistencyLevel consistency) {
			this.serialConsistency = consistency;
			return this;
		}

		/** @param installedBy who is recorded as applying @return this builder */
		public Builder installedBy(@Nullable String installedBy) {
			this.installedBy = installedBy;
			return this;
		}

		/** @param baselineOnMigrate whether to baseline an empty history @return this builder */
		public Builder baselineOnMigrate(boolean baselineOnMigrate) {
			this.baselineOnMigrate = baselineOnMigrate;
			return this;
		}

		/** @param version the baseline version @return this builder */
		public Builder baselineVersion(String version) {
			this.baselineVersion = version;
			return this;
		}

		/** @param description the baseline description @return this builder */
		public Builder baselineDescription(String description) {
			this.baselineDescription = description;
			return this;
		}

		/** @param classLoader loader for classpath locations @return this builder */
		public Builder classLoader(@Nullable ClassLoader classLoader) {
			this.classLoader = classLoader;
			return this;
		}

		/**
		 * Validates and builds the settings.
		 * @return the settings
		 * @throws MigrationConfigurationException naming the first invalid setting
		 */
		public MigrationSettings build() {
			return new MigrationSettings(this);
		}

	}

}
