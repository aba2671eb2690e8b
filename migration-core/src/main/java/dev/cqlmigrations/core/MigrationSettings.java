package dev.cqlmigrations.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
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

	private final CheckedSettings values;

	MigrationSettings(CheckedSettings values) {
		this.values = values;
	}

	/**
	 * Starts a builder with the defaults.
	 * @param keyspace the keyspace holding the history and lock tables, and the default
	 * keyspace of unqualified names in scripts
	 * @return the builder
	 */
	public static Builder builder(String keyspace) {
		return new SettingsBuilder(keyspace);
	}

	/**
	 * A builder starting from these settings.
	 * @return a builder with every value of this instance
	 */
	public Builder toBuilder() {
		return SettingsBuilder.of(this.values);
	}

	static MigrationVersion parseVersion(String text, String setting) {
		return SettingsValidation.parseVersion(text, setting);
	}

	/** @return the keyspace of the history and of unqualified names, lower case */
	public String keyspace() {
		return this.values.keyspace();
	}

	/** @return the history table name */
	public String historyTable() {
		return this.values.historyTable();
	}

	/** @return the lock table name */
	public String lockTable() {
		return this.values.lockTable();
	}

	/** @return the script locations ({@code classpath:} or {@code filesystem:}) */
	public List<String> locations() {
		return this.values.locations();
	}

	/** @return the Java migrations */
	public List<JavaMigration> javaMigrations() {
		return this.values.javaMigrations();
	}

	/** @return placeholder values by name */
	public Map<String, String> placeholders() {
		return this.values.placeholders();
	}

	/** @return the version to migrate up to, {@code null} for the latest */
	public @Nullable String target() {
		return this.values.target();
	}

	/** @return whether pending versions older than the latest applied may still be applied */
	public boolean outOfOrder() {
		return this.values.outOfOrder();
	}

	/** @return whether to validate against the history before migrating */
	public boolean validateOnMigrate() {
		return this.values.validateOnMigrate();
	}

	/** @return whether to create the history keyspace when it does not exist */
	public boolean createKeyspace() {
		return this.values.createKeyspace();
	}

	/** @return the replication used when creating the history keyspace */
	public KeyspaceReplication replication() {
		return this.values.replication();
	}

	/**
	 * Whether the replication was set rather than defaulted: on a cluster of several nodes, the
	 * default is chosen from the cluster's data centers instead.
	 * @return {@code true} when {@link Builder#replication(KeyspaceReplication)} was called
	 */
	public boolean replicationConfigured() {
		return this.values.replicationConfigured();
	}

	/** @return how long to wait for all nodes to agree on the schema after a change */
	public Duration schemaAgreementTimeout() {
		return this.values.schemaAgreementTimeout();
	}

	/** @return how long a lock lease lives without a heartbeat */
	public Duration lockTtl() {
		return this.values.lockTtl();
	}

	/** @return how long to wait for another instance's lock */
	public Duration lockWaitTimeout() {
		return this.values.lockWaitTimeout();
	}

	/** @return consistency of history writes */
	public ConsistencyLevel writeConsistency() {
		return this.values.writeConsistency();
	}

	/** @return consistency of history reads */
	public ConsistencyLevel readConsistency() {
		return this.values.readConsistency();
	}

	/** @return serial consistency of lock operations */
	public ConsistencyLevel serialConsistency() {
		return this.values.serialConsistency();
	}

	/** @return who is recorded as having applied migrations */
	public String installedBy() {
		return this.values.installedBy();
	}

	/** @return whether an empty history is baselined before the first migration */
	public boolean baselineOnMigrate() {
		return this.values.baselineOnMigrate();
	}

	/** @return the version recorded by a baseline */
	public String baselineVersion() {
		return this.values.baselineVersion();
	}

	/** @return the description recorded by a baseline */
	public @Nullable String baselineDescription() {
		return this.values.baselineDescription();
	}

	/** @return the class loader used for {@code classpath:} locations */
	public ClassLoader classLoader() {
		return this.values.classLoader();
	}

	/**
	 * Builder of {@link MigrationSettings}: each method sets one value and returns this builder;
	 * {@link #build()} checks them all. Only {@link MigrationSettings#builder(String)} creates one.
	 */
	public sealed interface Builder permits SettingsBuilder {

		/** @param historyTable the history table name @return this builder */
		Builder historyTable(String historyTable);

		/** @param lockTable the lock table name @return this builder */
		Builder lockTable(String lockTable);

		/** @param locations script locations @return this builder */
		Builder locations(List<String> locations);

		/** @param javaMigrations Java migrations @return this builder */
		Builder javaMigrations(List<? extends JavaMigration> javaMigrations);

		/** @param placeholders placeholder values by name @return this builder */
		Builder placeholders(Map<String, String> placeholders);

		/** @param target version to migrate up to, {@code null} or "latest" for all @return this builder */
		Builder target(@Nullable String target);

		/** @param outOfOrder whether older pending versions may be applied @return this builder */
		Builder outOfOrder(boolean outOfOrder);

		/** @param validateOnMigrate whether to validate before migrating @return this builder */
		Builder validateOnMigrate(boolean validateOnMigrate);

		/** @param createKeyspace whether to create a missing history keyspace @return this builder */
		Builder createKeyspace(boolean createKeyspace);

		/** @param replication replication of a created history keyspace @return this builder */
		Builder replication(KeyspaceReplication replication);

		/** @param timeout wait for schema agreement after each change @return this builder */
		Builder schemaAgreementTimeout(Duration timeout);

		/** @param ttl life of a lock lease without heartbeat @return this builder */
		Builder lockTtl(Duration ttl);

		/** @param timeout how long to wait for the lock @return this builder */
		Builder lockWaitTimeout(Duration timeout);

		/** @param consistency consistency of history writes @return this builder */
		Builder writeConsistency(ConsistencyLevel consistency);

		/** @param consistency consistency of history reads @return this builder */
		Builder readConsistency(ConsistencyLevel consistency);

		/** @param consistency serial consistency of the lock @return this builder */
		Builder serialConsistency(ConsistencyLevel consistency);

		/** @param installedBy who is recorded as applying @return this builder */
		Builder installedBy(@Nullable String installedBy);

		/** @param baselineOnMigrate whether to baseline an empty history @return this builder */
		Builder baselineOnMigrate(boolean baselineOnMigrate);

		/** @param version the baseline version @return this builder */
		Builder baselineVersion(@Nullable String version);

		/** @param description the baseline description @return this builder */
		Builder baselineDescription(@Nullable String description);

		/** @param classLoader loader for classpath locations @return this builder */
		Builder classLoader(@Nullable ClassLoader classLoader);

		/**
		 * Validates and builds the settings.
		 * @return the settings
		 * @throws MigrationConfigurationException naming the first invalid setting
		 */
		MigrationSettings build();

	}

}
