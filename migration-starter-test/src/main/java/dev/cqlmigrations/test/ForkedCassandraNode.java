package dev.cqlmigrations.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;

import dev.cqlmigrations.test.node.CassandraNodeMain;

/**
 * A real Apache Cassandra node in a forked JVM on a loopback address, for tests. The node halts
 * by itself when the JVM that started it dies, and {@link #close()} kills it and removes its
 * temporary directory.
 */
public final class ForkedCassandraNode implements CassandraNode {

	private static final List<String> JAVA17_MODULE_FLAGS = List.of(
			"--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
			"--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
			"--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
			"--add-exports=java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
			"--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
			"--add-exports=java.rmi/sun.rmi.server=ALL-UNNAMED", "--add-exports=java.sql/java.sql=ALL-UNNAMED",
			"--add-exports=java.base/java.lang.ref=ALL-UNNAMED",
			"--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
			"--add-opens=java.base/java.lang.module=ALL-UNNAMED",
			"--add-opens=java.base/jdk.internal.loader=ALL-UNNAMED",
			"--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
			"--add-opens=java.base/jdk.internal.reflect=ALL-UNNAMED",
			"--add-opens=java.base/jdk.internal.math=ALL-UNNAMED",
			"--add-opens=java.base/jdk.internal.module=ALL-UNNAMED",
			"--add-opens=java.base/jdk.internal.util.jar=ALL-UNNAMED",
			"--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
			"--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
			"--add-opens=java.base/java.nio=ALL-UNNAMED",
			"--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
			"--add-opens=java.base/java.util=ALL-UNNAMED",
			"--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
			"--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.math=ALL-UNNAMED",
			"--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED");

	/** System property: {@code false} starts nodes without the durability shortcuts of test nodes. */
	public static final String TEST_FLAGS_PROPERTY = "cqlmigrations.node.test-flags";

	private static final int LOG_TAIL_LINES = 40;

	private final NodeOptions options;

	private final Path directory;

	private final boolean temporaryDirectory;

	private final int nativePort;

	private final int storagePort;

	private Process process;

	private Thread shutdownHook;

	private NodeClassDataSharing classDataSharing;

	private ForkedCassandraNode(NodeOptions options, Path directory, boolean temporaryDirectory, int nativePort,
			int storagePort) {
		this.options = options;
		this.directory = directory;
		this.temporaryDirectory = temporaryDirectory;
		this.nativePort = nativePort;
		this.storagePort = storagePort;
	}

	/**
	 * Starts a node and waits until it answers CQL queries.
	 * @param options how to configure the node
	 * @return the running node
	 * @throws CassandraNodeStartException when the node does not come up; the message holds the
	 * end of its log
	 */
	public static ForkedCassandraNode start(NodeOptions options) {
		try {
			boolean temporary = options.directory() == null;
			Path directory = temporary ? Files.createTempDirectory("cqlmigrations-node-") : options.directory();
			int nativePort = (options.nativePort() != 0) ? options.nativePort() : freePort(options.address());
			int storagePort = (options.storagePort() != 0) ? options.storagePort() : freePort(options.address());
			ForkedCassandraNode node = new ForkedCassandraNode(options, directory, temporary, nativePort, storagePort);
			node.launch();
			return node;
		}
		catch (IOException ex) {
			throw new CassandraNodeStartException("Cannot prepare the Cassandra node directory: " + ex, ex);
		}
	}

	private void launch() throws IOException {
		for (String dir : List.of("data", "commitlog", "saved_caches", "hints", "cdc_raw", "tmp", "logs")) {
			Files.createDirectories(this.directory.resolve(dir));
		}
		Path yaml = this.directory.resolve("cassandra.yaml");
		Files.writeString(yaml, CassandraYaml.render(this.options, this.nativePort, this.storagePort, this.directory));
		Path logback = this.directory.resolve("logback.xml");
		Files.writeString(logback, CassandraYaml.logback(logFile()));
		if (this.options.datacenter() != null) {
			Files.writeString(rackdc(), CassandraYaml.rackdc(this.options));
		}
		List<String> command = command(yaml, logback);
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.directory.resolve("logs/stdout.log").toFile()));
		// glibc gives every thread that allocates natively an arena of its own (up to 8 per core), and
		// Cassandra's threads each keep some of them resident: two arenas save ~10-20 MB of RSS.
		builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
		long started = System.nanoTime();
		this.process = builder.start();
		this.shutdownHook = new Thread(this::destroy, "cassandra-node-stopper");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
		try {
			awaitCql(started);
			if (this.classDataSharing != null) {
				this.classDataSharing.nodeReady();
			}
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	private List<String> command(Path yaml, Path logback) {
		List<String> command = new ArrayList<>();
		Path java = JavaRuntimeLocator.javaExecutable();
		String classpath = CassandraNodeClasspath.resolve()
			.stream()
			.map(Path::toString)
			.collect(Collectors.joining(File.pathSeparator));
		command.add(java.toString());
		command.addAll(JAVA17_MODULE_FLAGS);
		this.classDataSharing = NodeClassDataSharing.of(java, JAVA17_MODULE_FLAGS, classpath);
		if (this.classDataSharing != null) {
			command.addAll(this.classDataSharing.nodeFlags());
		}
		// Start small and grow on demand: a fresh node needs well under 100 MB of heap, while the
		// shared node of a long test run (hundreds of tables) may need the whole maximum.
		command.add("-Xms64m");
		command.add("-Xmx" + this.options.heap());
		command.add("-Xss256k");
		// One node per test JVM on small machines: the serial collector has the smallest footprint
		// (no concurrent GC threads, no remembered sets); its pauses are short on such heaps.
		command.add("-XX:+UseSerialGC");
		command.add("-XX:+ExitOnOutOfMemoryError");
		command.add("-Djdk.attach.allowAttachSelf=true");
		command.add("-Djava.io.tmpdir=" + this.directory.resolve("tmp"));
		command.add("-Djava.net.preferIPv4Stack=true");
		command.add("-Dcassandra.config=" + yaml.toUri());
		command.add("-Dcassandra-foreground=yes");
		command.add("-Dcassandra.storagedir=" + this.directory);
		command.add("-Dlogback.configurationFile=" + logback);
		command.add("-Dcassandra.logdir=" + this.directory.resolve("logs"));
		command.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
		command.add("-Dcassandra.ring_delay_ms=" + (this.options.seeds().isEmpty() ? 100 : 3000));
		command.add("-Dcassandra.superuser_setup_delay_ms=0");
		command.add("-Dcassandra.consistent.rangemovement=false");
		// Without it the node measures the heap size of a memtable row at start by building 100,000 rows
		// (seconds under load, and a heap grown by ~20 MB); 196 bytes is what it measures on JDK 17 with
		// compressed references. It only feeds the memtable size accounting that decides when to flush.
		command.add("-Dcassandra.memtable.row_overhead_size=196");
		// Test node only: no fsync, unsafe system keyspace writes, no flush per schema change. Benchmarks
		// turn them off (-Dcqlmigrations.node.test-flags=false) to measure what users see on real nodes.
		if (Boolean.parseBoolean(System.getProperty(TEST_FLAGS_PROPERTY, "true"))) {
			// C1 only: half the CPU to CQL-ready (C2 compiles hundreds of startup methods that run once);
			// a test node's work is schema changes and a few rows, where C2's faster code does not show.
			command.add("-XX:TieredStopAtLevel=1");
			// A node with a directory kept for restarts (the ring tests kill and restart nodes) must keep
			// what it acknowledged: without sync and schema flushes it came back without its keyspaces.
			if (this.options.directory() == null) {
				command.add("-Dcassandra.skip_sync=true");
				command.add("-Dcassandra.unsafesystem=true");
				command.add("-Dcassandra.test.flush_local_schema_changes=false");
			}
		}
		if (this.options.datacenter() != null) {
			command.add("-Dcassandra-rackdc.properties=" + rackdc().toUri());
		}
		if (this.options.jmxPort() > 0) {
			command.add("-Dcassandra.jmx.local.port=" + this.options.jmxPort());
		}
		command.add("-D" + CassandraNodeMain.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
		command.add("-cp");
		command.add(classpath);
		command.add(CassandraNodeMain.class.getName());
		return command;
	}

	private void awaitCql(long startedNanos) {
		long deadline = startedNanos + this.options.startTimeout().toNanos();
		RuntimeException lastFailure = null;
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw failure("exited with code " + this.process.exitValue() + " before CQL was ready", null);
			}
			if (portOpen()) {
				try {
					probeWithDriver();
					return;
				}
				catch (RuntimeException ex) {
					// Authentication data may still be being set up just after the port opens.
					lastFailure = ex;
				}
			}
			sleep(Duration.ofMillis(100));
		}
		throw failure("did not answer CQL within " + this.options.startTimeout().toSeconds() + " s", lastFailure);
	}

	private boolean portOpen() {
		try (Socket socket = new Socket()) {
			socket.connect(contactPoint(), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private void probeWithDriver() {
		DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
			.withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
			.withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
			.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
			.build();
		try (CqlSession session = sessionBuilder().withConfigLoader(config).build()) {
			session.execute("SELECT release_version FROM system.local");
		}
	}

	private CassandraNodeStartException failure(String what, Throwable cause) {
		return new CassandraNodeStartException("Cassandra node on " + contactPointText() + " " + what
				+ ". Node directory: " + this.directory + ". Last lines of its log:\n" + logTail(), cause);
	}

	/**
	 * The last lines the node wrote, for failure messages.
	 * @return the end of the node's log, or a note that there is none
	 */
	public String logTail() {
		StringBuilder tail = new StringBuilder();
		for (Path file : List.of(logFile(), this.directory.resolve("logs/stdout.log"))) {
			try {
				List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
				lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())
					.forEach((line) -> tail.append("  ").append(line).append('\n'));
			}
			catch (IOException | UncheckedIOException ex) {
				// a log that was never written has nothing to show
			}
		}
		return (tail.length() > 0) ? tail.toString() : "  (the node wrote no log)";
	}

	private Path rackdc() {
		return this.directory.resolve("cassandra-rackdc.properties");
	}

	private Path logFile() {
		return this.directory.resolve("logs/system.log");
	}

	@Override
	public InetSocketAddress contactPoint() {
		return new InetSocketAddress(this.options.address(), this.nativePort);
	}

	@Override
	public String localDatacenter() {
		return (this.options.datacenter() != null) ? this.options.datacenter() : "datacenter1";
	}

	@Override
	public String username() {
		return this.options.authentication() ? NodeOptions.SUPERUSER : null;
	}

	@Override
	public String password() {
		return this.options.authentication() ? NodeOptions.SUPERUSER : null;
	}

	/**
	 * The inter-node port, for seeds of other nodes.
	 * @return the storage port
	 */
	public int storagePort() {
		return this.storagePort;
	}

	/**
	 * The node's working directory.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * The node's process id.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * Whether the node's process is running.
	 * @return {@code true} while it runs
	 */
	public boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	@Override
	public void close() {
		destroy();
		if (this.shutdownHook != null) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
			}
			catch (IllegalStateException ex) {
				// already shutting down: the hook is running or has run
			}
		}
	}

	/**
	 * Stops the node the way an operator does: SIGTERM, so that Cassandra drains and flushes
	 * everything, schema included. Unlike {@link #close()} (a kill), a restart on the same
	 * directory then finds every schema change the node had acknowledged, also with the fast test
	 * flags that keep system tables out of the commit log.
	 */
	public void stop() {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.process = null;
		close();
	}

	private void destroy() {
		if (this.process != null && !this.process.isAlive() && this.process.exitValue() != 0) {
			// It died by itself: its log is about to be deleted with its directory, so show it now.
			System.err.println("Cassandra node on " + contactPointText() + " had exited with code "
					+ this.process.exitValue() + ". Last lines of its log:\n" + logTail());
		}
		if (this.process != null) {
			// A test node's data is throwaway: kill at once instead of a ~6 s drain.
			this.process.destroyForcibly();
			try {
				this.process.waitFor(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (this.temporaryDirectory) {
			deleteRecursively(this.directory);
		}
	}

	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// best effort: a leftover temp directory is not worth failing a test run for
		}
	}

	private static int freePort(String address) throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(address))) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CassandraNodeStartException("Interrupted while waiting for the Cassandra node", ex);
		}
	}

}
