package dev.cqlmigrations.test;

import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Writes the {@code cassandra.yaml} of a test node: small, loopback only, no snapshots, user
 * defined functions enabled (scripts with {@code $$} bodies are tested).
 */
final class CassandraYaml {

	private CassandraYaml() {
	}

	static String render(NodeOptions options, int nativePort, int storagePort, Path directory) {
		String seeds = options.seeds().isEmpty() ? options.address() + ":" + storagePort
				: options.seeds().stream().collect(Collectors.joining(","));
		StringBuilder yaml = new StringBuilder();
		line(yaml, "cluster_name: '" + options.clusterName() + "'");
		line(yaml, "num_tokens: 1");
		if (options.initialToken() != null) {
			line(yaml, "initial_token: " + options.initialToken());
			line(yaml, "auto_bootstrap: false");
		}
		line(yaml, "partitioner: org.apache.cassandra.dht.Murmur3Partitioner");
		line(yaml, "data_file_directories:");
		line(yaml, "  - " + directory.resolve("data"));
		line(yaml, "commitlog_directory: " + directory.resolve("commitlog"));
		line(yaml, "saved_caches_directory: " + directory.resolve("saved_caches"));
		line(yaml, "hints_directory: " + directory.resolve("hints"));
		line(yaml, "cdc_raw_directory: " + directory.resolve("cdc_raw"));
		line(yaml, "commitlog_sync: periodic");
		line(yaml, "commitlog_sync_period: 10000ms");
		line(yaml, "seed_provider:");
		line(yaml, "  - class_name: org.apache.cassandra.locator.SimpleSeedProvider");
		line(yaml, "    parameters:");
		line(yaml, "      - seeds: \"" + seeds + "\"");
		line(yaml, "listen_address: " + options.address());
		line(yaml, "rpc_address: " + options.address());
		line(yaml, "storage_port: " + storagePort);
		line(yaml, "native_transport_port: " + nativePort);
		line(yaml, "start_native_transport: true");
		// A node of a named datacenter takes its datacenter from its own cassandra-rackdc.properties.
		String snitch = (options.datacenter() != null) ? "GossipingPropertyFileSnitch" : "SimpleSnitch";
		line(yaml, "endpoint_snitch: " + snitch);
		line(yaml, "auto_snapshot: false");
		// Tests create hundreds of small tables: no 1 MB slab per memtable, small caches.
		line(yaml, "memtable_allocation_type: unslabbed_heap_buffers");
		line(yaml, "key_cache_size: 8MiB");
		line(yaml, "counter_cache_size: 1MiB");
		// A small node: few worker threads and small off-heap pools keep memory and start time down;
		// thread pools and caches grow on demand up to these limits.
		line(yaml, "concurrent_reads: 4");
		line(yaml, "concurrent_writes: 4");
		line(yaml, "concurrent_counter_writes: 2");
		line(yaml, "concurrent_compactors: 1");
		line(yaml, "memtable_flush_writers: 1");
		line(yaml, "file_cache_size: 16MiB");
		line(yaml, "networking_cache_size: 8MiB");
		line(yaml, "prepared_statements_cache_size: 4MiB");
		line(yaml, "index_summary_capacity: 4MiB");
		// Shared, overloaded test machines pause the node for seconds: time out late rather than fail a test.
		line(yaml, "read_request_timeout: 20000ms");
		line(yaml, "range_request_timeout: 20000ms");
		line(yaml, "write_request_timeout: 20000ms");
		line(yaml, "counter_write_request_timeout: 20000ms");
		line(yaml, "cas_contention_timeout: 10000ms");
		line(yaml, "request_timeout: 30000ms");
		line(yaml, "native_transport_idle_timeout: 0ms");
		line(yaml, "user_defined_functions_enabled: true");
		line(yaml, "materialized_views_enabled: true");
		if (options.authentication()) {
			line(yaml, "authenticator: PasswordAuthenticator");
			line(yaml, "authorizer: CassandraAuthorizer");
		}
		else {
			line(yaml, "authenticator: AllowAllAuthenticator");
			line(yaml, "authorizer: AllowAllAuthorizer");
		}
		line(yaml, "role_manager: CassandraRoleManager");
		return yaml.toString();
	}

	static String rackdc(NodeOptions options) {
		return "dc=" + options.datacenter() + "\nrack=rack1\n";
	}

	static String logback(Path logFile) {
		return """
				<configuration>
				  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
				    <file>%s</file>
				    <encoder><pattern>%%d{HH:mm:ss.SSS} %%-5level [%%thread] %%logger{0} - %%msg%%n</pattern></encoder>
				  </appender>
				  <logger name="org.apache.cassandra" level="INFO"/>
				  <root level="WARN"><appender-ref ref="FILE"/></root>
				</configuration>
				""".formatted(logFile);
	}

	private static void line(StringBuilder yaml, String line) {
		yaml.append(line).append('\n');
	}

}
