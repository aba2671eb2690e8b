package dev.cqlmigrations.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import org.jspecify.annotations.Nullable;

/**
 * Collects the values of {@link MigrationSettings}, starting from the defaults documented for the
 * {@code migrations.*} properties. They are not checked until {@link #build()}, where
 * {@link SettingsValidation} turns them into {@link CheckedSettings}: until then any of them may be
 * missing or invalid.
 */
final class SettingsBuilder implements MigrationSettings.Builder {

	@Nullable String keyspace;

	@Nullable String historyTable = MigrationSettings.DEFAULT_HISTORY_TABLE;

	@Nullable String lockTable = MigrationSettings.DEFAULT_LOCK_TABLE;

	List<String> locations = List.of(MigrationSettings.DEFAULT_LOCATION);

	List<JavaMigration> javaMigrations = new ArrayList<>();

	Map<String, String> placeholders = new LinkedHashMap<>();

	@Nullable String target;

	boolean outOfOrder;

	boolean validateOnMigrate = true;

	boolean createKeyspace = true;

	KeyspaceReplication replication = KeyspaceReplication.simple(1);

	boolean replicationConfigured;

	@Nullable Duration schemaAgreementTimeout = Duration.ofSeconds(30);

	@Nullable Duration lockTtl = Duration.ofSeconds(30);

	@Nullable Duration lockWaitTimeout = Duration.ofMinutes(5);

	// Cluster-wide, not LOCAL_*: two datacenters cut off from each other must not both migrate.
	@Nullable ConsistencyLevel writeConsistency = DefaultConsistencyLevel.QUORUM;

	@Nullable ConsistencyLevel readConsistency = DefaultConsistencyLevel.QUORUM;

	@Nullable ConsistencyLevel serialConsistency = DefaultConsistencyLevel.SERIAL;

	@Nullable String installedBy;

	boolean baselineOnMigrate;

	@Nullable String baselineVersion = "1";

	@Nullable String baselineDescription = HistoryEntry.DEFAULT_BASELINE_DESCRIPTION;

	@Nullable ClassLoader classLoader;

	SettingsBuilder(@Nullable String keyspace) {
		this.keyspace = keyspace;
	}

	/**
	 * A builder starting from checked settings, to change some of them.
	 * @param settings the checked settings
	 * @return the builder
	 */
	static SettingsBuilder of(CheckedSettings settings) {
		SettingsBuilder builder = new SettingsBuilder(settings.keyspace());
		builder.historyTable = settings.historyTable();
		builder.lockTable = settings.lockTable();
		builder.locations = settings.locations();
		builder.javaMigrations = new ArrayList<>(settings.javaMigrations());
		builder.placeholders = new LinkedHashMap<>(settings.placeholders());
		builder.target = settings.target();
		builder.outOfOrder = settings.outOfOrder();
		builder.validateOnMigrate = settings.validateOnMigrate();
		builder.createKeyspace = settings.createKeyspace();
		builder.replication = settings.replication();
		builder.replicationConfigured = settings.replicationConfigured();
		builder.schemaAgreementTimeout = settings.schemaAgreementTimeout();
		builder.lockTtl = settings.lockTtl();
		builder.lockWaitTimeout = settings.lockWaitTimeout();
		builder.writeConsistency = settings.writeConsistency();
		builder.readConsistency = settings.readConsistency();
		builder.serialConsistency = settings.serialConsistency();
		builder.installedBy = settings.installedBy();
		builder.baselineOnMigrate = settings.baselineOnMigrate();
		builder.baselineVersion = settings.baselineVersion();
		builder.baselineDescription = settings.baselineDescription();
		builder.classLoader = settings.classLoader();
		return builder;
	}

	@Override
	public MigrationSettings.Builder historyTable(String historyTable) {
		this.historyTable = historyTable;
		return this;
	}

	@Override
	public MigrationSettings.Builder lockTable(String lockTable) {
		this.lockTable = lockTable;
		return this;
	}

	@Override
	public MigrationSettings.Builder locations(List<String> locations) {
		this.locations = List.copyOf(locations);
		return this;
	}

	@Override
	public MigrationSettings.Builder javaMigrations(List<? extends JavaMigration> javaMigrations) {
		this.javaMigrations = new ArrayList<>(javaMigrations);
		return this;
	}

	@Override
	public MigrationSettings.Builder placeholders(Map<String, String> placeholders) {
		this.placeholders = new LinkedHashMap<>(placeholders);
		return this;
	}

	@Override
	public MigrationSettings.Builder target(@Nullable String target) {
		this.target = target;
		return this;
	}

	@Override
	public MigrationSettings.Builder outOfOrder(boolean outOfOrder) {
		this.outOfOrder = outOfOrder;
		return this;
	}

	@Override
	public MigrationSettings.Builder validateOnMigrate(boolean validateOnMigrate) {
		this.validateOnMigrate = validateOnMigrate;
		return this;
	}

	@Override
	public MigrationSettings.Builder createKeyspace(boolean createKeyspace) {
		this.createKeyspace = createKeyspace;
		return this;
	}

	@Override
	public MigrationSettings.Builder replication(KeyspaceReplication replication) {
		this.replication = replication;
		this.replicationConfigured = true;
		return this;
	}

	@Override
	public MigrationSettings.Builder schemaAgreementTimeout(Duration timeout) {
		this.schemaAgreementTimeout = timeout;
		return this;
	}

	@Override
	public MigrationSettings.Builder lockTtl(Duration ttl) {
		this.lockTtl = ttl;
		return this;
	}

	@Override
	public MigrationSettings.Builder lockWaitTimeout(Duration timeout) {
		this.lockWaitTimeout = timeout;
		return this;
	}

	@Override
	public MigrationSettings.Builder writeConsistency(ConsistencyLevel consistency) {
		this.writeConsistency = consistency;
		return this;
	}

	@Override
	public MigrationSettings.Builder readConsistency(ConsistencyLevel consistency) {
		this.readConsistency = consistency;
		return this;
	}

	@Override
	public MigrationSettings.Builder serialConsistency(ConsistencyLevel consistency) {
		this.serialConsistency = consistency;
		return this;
	}

	@Override
	public MigrationSettings.Builder installedBy(@Nullable String installedBy) {
		this.installedBy = installedBy;
		return this;
	}

	@Override
	public MigrationSettings.Builder baselineOnMigrate(boolean baselineOnMigrate) {
		this.baselineOnMigrate = baselineOnMigrate;
		return this;
	}

	@Override
	public MigrationSettings.Builder baselineVersion(@Nullable String version) {
		this.baselineVersion = version;
		return this;
	}

	@Override
	public MigrationSettings.Builder baselineDescription(@Nullable String description) {
		this.baselineDescription = description;
		return this;
	}

	@Override
	public MigrationSettings.Builder classLoader(@Nullable ClassLoader classLoader) {
		this.classLoader = classLoader;
		return this;
	}

	@Override
	public MigrationSettings build() {
		return new MigrationSettings(SettingsValidation.check(this));
	}

}
