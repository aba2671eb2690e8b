package dev.cqlmigrations.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import org.jspecify.annotations.Nullable;

/**
 * The values of {@link MigrationSettings} once {@link SettingsValidation} has checked them: names
 * are valid, defaults are resolved, collections are immutable. Each component is documented on
 * the {@link MigrationSettings} method of the same name.
 */
record CheckedSettings(String keyspace, String historyTable, String lockTable, List<String> locations,
		List<JavaMigration> javaMigrations, Map<String, String> placeholders, @Nullable String target,
		boolean outOfOrder, boolean validateOnMigrate, boolean createKeyspace, KeyspaceReplication replication,
		boolean replicationConfigured, Duration schemaAgreementTimeout, Duration lockTtl, Duration lockWaitTimeout,
		ConsistencyLevel writeConsistency, ConsistencyLevel readConsistency, ConsistencyLevel serialConsistency,
		String installedBy, boolean baselineOnMigrate, String baselineVersion, @Nullable String baselineDescription,
		ClassLoader classLoader) {

}
