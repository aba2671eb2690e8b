package dev.cqlmigrations.sample.migrations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;

import dev.cqlmigrations.core.DdlSessionSettings;
import dev.cqlmigrations.core.MigrationEngine;
import dev.cqlmigrations.core.MigrationFileName;
import dev.cqlmigrations.core.MigrationSettings;
import dev.cqlmigrations.test.CassandraNode;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The sample's migrations through the engine, for tests that do not start the application: the
 * settings {@code application.yml} gives the starter, for a test keyspace on the single test node.
 */
public final class SampleMigrations {

	/** One replica: the test node is alone. */
	static final String REPLICATION = "{'class': 'SimpleStrategy', 'replication_factor': 1}";

	private SampleMigrations() {
	}

	/**
	 * Creates the sample's keyspace and tables as the application does on startup, with the
	 * history in {@code <keyspace>_migrations}.
	 * @param node the node
	 * @param keyspace the application's keyspace ({@code sample.keyspace}), fresh for each test class
	 */
	public static void apply(CassandraNode node, String keyspace) {
		try (CqlSession session = ddlSession(node)) {
			new MigrationEngine(session, settings(keyspace)).migrate();
		}
	}

	/**
	 * The sample's up scripts, found on the classpath.
	 * @return their file names, lowest version first
	 */
	public static List<String> upScripts() {
		try {
			Resource[] scripts = new PathMatchingResourcePatternResolver()
				.getResources("classpath:db/cassandra/V*.cql");
			return Arrays.stream(scripts)
				.map(Resource::getFilename)
				.sorted(Comparator.comparing((name) -> MigrationFileName.parse(name).version()))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The engine's settings for the sample in a keyspace.
	 * @param keyspace the application's keyspace
	 * @return the settings: history keyspace and the two placeholders of the scripts
	 */
	static MigrationSettings settings(String keyspace) {
		return MigrationSettings.builder(keyspace + "_migrations")
			.placeholders(Map.of("keyspace", keyspace, "replication", REPLICATION))
			.build();
	}

	/**
	 * A session tuned for DDL, like the starter's own migration session.
	 * @param node the node
	 * @return a new session; the caller closes it
	 */
	static CqlSession ddlSession(CassandraNode node) {
		DriverConfigLoader config = DdlSessionSettings
			.applyTo(DriverConfigLoader.programmaticBuilder(), DdlSessionSettings.DEFAULT_REQUEST_TIMEOUT)
			.build();
		return node.sessionBuilder().withConfigLoader(config).build();
	}

}
