package dev.cqlmigrations.reliability;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;

import dev.cqlmigrations.core.DdlSessionSettings;
import dev.cqlmigrations.core.KeyspaceReplication;
import dev.cqlmigrations.core.MigrationEngine;
import dev.cqlmigrations.core.MigrationRunResult;
import dev.cqlmigrations.core.MigrationSettings;

/**
 * A separate JVM that migrates a keyspace once and exits: 0 when it succeeded, 1 when it failed.
 * Stands for one replica of a service starting up.
 * <p>
 * Arguments: {@code contactPoints(host:port,...) keyspace scriptsDirectory lockTtlSeconds [user password]}.
 * System properties {@code migrator.local-datacenter} (default {@code datacenter1}) and
 * {@code migrator.datacenters} ({@code dc1:1,dc2:1}: the keyspace's replication per datacenter)
 * stand for a replica running in one datacenter of several.
 */
public final class MigratorProcess {

	private MigratorProcess() {
	}

	public static void main(String[] args) {
		List<InetSocketAddress> contactPoints = new ArrayList<>();
		for (String contactPoint : args[0].split(",")) {
			String[] hostPort = contactPoint.split(":");
			contactPoints.add(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
		}
		String keyspace = args[1];
		String scripts = args[2];
		Duration lockTtl = Duration.ofSeconds(Long.parseLong(args[3]));
		CqlSessionBuilder builder = CqlSession.builder()
			.addContactPoints(contactPoints)
			.withLocalDatacenter(System.getProperty("migrator.local-datacenter", "datacenter1"))
			.withConfigLoader(DdlSessionSettings
				.applyTo(DriverConfigLoader.programmaticBuilder(), DdlSessionSettings.DEFAULT_REQUEST_TIMEOUT)
				.build());
		if (args.length > 5) {
			builder.withAuthCredentials(args[4], args[5]);
		}
		int exitCode;
		try (CqlSession session = builder.build()) {
			MigrationSettings.Builder settings = MigrationSettings.builder(keyspace)
				.locations(List.of("filesystem:" + scripts))
				.lockTtl(lockTtl)
				.lockWaitTimeout(Duration.ofMinutes(3))
				.installedBy("pid-" + ProcessHandle.current().pid());
			String datacenters = System.getProperty("migrator.datacenters");
			if (datacenters != null) {
				Map<String, Integer> replication = new LinkedHashMap<>();
				for (String datacenter : datacenters.split(",")) {
					String[] nameFactor = datacenter.split(":");
					replication.put(nameFactor[0], Integer.parseInt(nameFactor[1]));
				}
				settings.replication(KeyspaceReplication.networkTopology(replication));
			}
			MigrationRunResult result = new MigrationEngine(session, settings.build()).migrate();
			System.out.println("RESULT applied=" + result.migrations().size() + " version=" + result.versionAfter());
			exitCode = 0;
		}
		catch (RuntimeException ex) {
			ex.printStackTrace(System.out);
			exitCode = 1;
		}
		System.exit(exitCode);
	}

}
