package dev.cqlmigrations.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import org.jspecify.annotations.Nullable;

/**
 * Checks the values collected by a {@link SettingsBuilder} and resolves what was left
 * to a default, so that a wrong setting fails when the settings are built, naming the property to
 * fix, rather than in the middle of a migration.
 */
final class SettingsValidation {

	private SettingsValidation() {
	}

	/**
	 * Checks the values of a builder, setting by setting in a fixed order.
	 * @param builder the builder holding the values to check
	 * @return the checked values
	 * @throws MigrationConfigurationException naming the first invalid setting
	 */
	@SuppressWarnings("NullAway") // CqlIdentifiers.validName refuses a null name with a message.
	static CheckedSettings check(SettingsBuilder builder) {
		String keyspace = CqlIdentifiers.validName(builder.keyspace, "migrations.keyspace");
		String historyTable = CqlIdentifiers.validName(builder.historyTable, "migrations.history-table");
		String lockTable = CqlIdentifiers.validName(builder.lockTable, "migrations.lock.table");
		if (historyTable.equals(lockTable)) {
			throw new MigrationConfigurationException("migrations.history-table and migrations.lock.table are both '"
					+ historyTable + "': give them different names.");
		}
		if (builder.locations.isEmpty() && builder.javaMigrations.isEmpty()) {
			throw new MigrationConfigurationException("migrations.locations is empty: set at least one location, "
					+ "e.g. " + MigrationSettings.DEFAULT_LOCATION + ".");
		}
		String target = blankToNull(builder.target);
		parseTarget(target);
		builder.replication.toCql();
		Duration schemaAgreementTimeout = positive(builder.schemaAgreementTimeout, "migrations.schema-agreement-timeout");
		Duration lockTtl = checkLockTtl(builder.lockTtl);
		Duration lockWaitTimeout = positive(builder.lockWaitTimeout, "migrations.lock.wait-timeout");
		checkLockTtlAtMost(lockTtl, MigrationSettings.MAX_LOCK_TTL);
		ConsistencyLevel write = checkWrite(builder.writeConsistency);
		ConsistencyLevel read = checkRead(builder.readConsistency);
		ConsistencyLevel serial = checkSerial(builder.serialConsistency);
		String installedBy = (builder.installedBy != null) ? builder.installedBy : defaultInstalledBy();
		String baselineVersion = (builder.baselineVersion != null) ? builder.baselineVersion : "1";
		parseVersion(baselineVersion, "migrations.baseline-version");
		ClassLoader classLoader = (builder.classLoader != null) ? builder.classLoader
				: MigrationSettings.class.getClassLoader();
		return new CheckedSettings(keyspace, historyTable, lockTable, List.copyOf(builder.locations),
				List.copyOf(builder.javaMigrations), Map.copyOf(builder.placeholders), target, builder.outOfOrder,
				builder.validateOnMigrate, builder.createKeyspace, builder.replication, builder.replicationConfigured,
				schemaAgreementTimeout, lockTtl, lockWaitTimeout, write, read, serial, installedBy,
				builder.baselineOnMigrate, baselineVersion, builder.baselineDescription, classLoader);
	}

	/**
	 * Parses a version named in a setting.
	 * @param text the version
	 * @param setting the setting, for the message
	 * @return the version
	 * @throws MigrationConfigurationException naming the setting when the version is invalid
	 */
	static MigrationVersion parseVersion(String text, String setting) {
		return checked(() -> MigrationVersion.parse(text), setting);
	}

	/**
	 * Parses {@code migrations.target}: a version, or blank/"latest" for {@link MigrationVersion#LATEST}.
	 * @param text the target as configured or given
	 * @return the target
	 * @throws MigrationConfigurationException naming migrations.target when it is not a version
	 */
	static MigrationVersion parseTarget(@Nullable String text) {
		return checked(() -> MigrationVersion.parseTarget(text), "migrations.target");
	}

	private static MigrationVersion checked(Supplier<MigrationVersion> parse, String setting) {
		try {
			return parse.get();
		}
		catch (IllegalArgumentException ex) {
			throw new MigrationConfigurationException("Invalid " + setting + ": " + ex.getMessage() + ".");
		}
	}

	private static Duration checkLockTtl(@Nullable Duration ttl) {
		Duration lockTtl = positive(ttl, "migrations.lock.ttl");
		if (lockTtl.toSeconds() < 3) {
			throw new MigrationConfigurationException("migrations.lock.ttl is " + lockTtl.toMillis()
					+ " ms: use at least 3s, so that heartbeats can renew the lease in time.");
		}
		return lockTtl;
	}

	private static void checkLockTtlAtMost(Duration lockTtl, Duration max) {
		if (lockTtl.compareTo(max) > 0) {
			throw new MigrationConfigurationException("migrations.lock.ttl is " + lockTtl.toSeconds()
					+ " s: use at most " + max.toHours() + "h. The lease is renewed while a run works; its "
					+ "TTL only decides how long a crashed run blocks the next one (and Cassandra TTLs overflow "
					+ "above ~20 years).");
		}
	}

	// ANY does not even promise that a replica has the history row; serial levels are for the lock's Paxos phase.
	private static ConsistencyLevel checkWrite(@Nullable ConsistencyLevel level) {
		if (level == null || level == DefaultConsistencyLevel.ANY || level.isSerial()) {
			throw new MigrationConfigurationException("migrations.consistency.write is " + level + ": use QUORUM, "
					+ "LOCAL_QUORUM, EACH_QUORUM, ALL, ONE, TWO or THREE (ANY would not even store the history on a "
					+ "replica; SERIAL and LOCAL_SERIAL belong in migrations.consistency.serial).");
		}
		return level;
	}

	// Cassandra refuses reads at ANY and EACH_QUORUM.
	private static ConsistencyLevel checkRead(@Nullable ConsistencyLevel level) {
		if (level == null || level == DefaultConsistencyLevel.ANY || level == DefaultConsistencyLevel.EACH_QUORUM) {
			throw new MigrationConfigurationException("migrations.consistency.read is " + level + ": use QUORUM, "
					+ "LOCAL_QUORUM, SERIAL, LOCAL_SERIAL, ALL, ONE, TWO or THREE (Cassandra refuses reads at ANY and "
					+ "EACH_QUORUM).");
		}
		return level;
	}

	private static ConsistencyLevel checkSerial(@Nullable ConsistencyLevel level) {
		if (!Objects.requireNonNull(level, "migrations.consistency.serial").isSerial()) {
			throw new MigrationConfigurationException("migrations.consistency.serial is " + level
					+ ": use SERIAL or LOCAL_SERIAL.");
		}
		return level;
	}

	private static Duration positive(@Nullable Duration duration, String setting) {
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

}
