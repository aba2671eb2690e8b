package dev.cqlmigrations.test.node;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

/**
 * Entry point of a forked test Cassandra node: starts {@code CassandraDaemon} and halts the node
 * as soon as the JVM that launched it is gone, so that a killed test run never leaves an orphan
 * node behind.
 */
public final class CassandraNodeMain {

	/** System property carrying the process id of the launching JVM. */
	public static final String PARENT_PID_PROPERTY = "cqlmigrations.node.parent-pid";

	private CassandraNodeMain() {
	}

	/**
	 * Watches the parent process, then runs the Cassandra daemon in this thread.
	 * @param args passed on to the daemon
	 * @throws Exception when the daemon cannot be started
	 */
	public static void main(String[] args) throws Exception {
		watchParent(System.getProperty(PARENT_PID_PROPERTY));
		// Reflection keeps this class loadable by the test JVM, which only uses it to find this jar.
		Class<?> daemon = Class.forName("org.apache.cassandra.service.CassandraDaemon");
		Method main = daemon.getMethod("main", String[].class);
		main.invoke(null, (Object) args);
	}

	private static void watchParent(@Nullable String parentPid) {
		if (parentPid == null || parentPid.isBlank()) {
			return;
		}
		ProcessHandle parent = ProcessHandle.of(Long.parseLong(parentPid.trim())).orElse(null);
		if (parent == null) {
			Runtime.getRuntime().halt(3);
			return;
		}
		// halt, not exit: shutdown hooks would drain the node for seconds; its data is throwaway.
		parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0));
	}

}
