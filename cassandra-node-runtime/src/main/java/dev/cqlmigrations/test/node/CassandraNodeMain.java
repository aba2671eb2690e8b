package dev.cqlmigrations.test.node;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import org.jspecify.annotations.Nullable;

/**
 * Entry point of a forked test Cassandra node: starts {@code CassandraDaemon} and halts the node
 * as soon as the JVM that launched it is gone, so that a killed test run never leaves an orphan
 * node behind.
 */
public final class CassandraNodeMain {

	/** System property carrying the process id of the launching JVM. */
	public static final String PARENT_PID_PROPERTY = "cqlmigrations.node.parent-pid";

	/** System property: {@code true} lets the node lock its memory as a production node does. */
	public static final String LOCK_MEMORY_PROPERTY = "cqlmigrations.node.lock-memory";

	private CassandraNodeMain() {
	}

	/**
	 * Watches the parent process, then runs the Cassandra daemon in this thread.
	 * @param args passed on to the daemon
	 * @throws Exception when the daemon cannot be started
	 */
	public static void main(String[] args) throws Exception {
		watchParent(System.getProperty(PARENT_PID_PROPERTY));
		if (!Boolean.getBoolean(LOCK_MEMORY_PROPERTY)) {
			skipMemoryLocking();
		}
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

	/**
	 * Cassandra calls {@code mlockall(MCL_CURRENT)} while it starts. Where that succeeds (root, or
	 * a high {@code RLIMIT_MEMLOCK}) every page mapped at that moment becomes resident: the whole
	 * 125 MB {@code lib/modules} image of the JDK, the class-data sharing archive, the committed
	 * heap. A test node is never swapped out in a way that matters, so it skips the call, exactly
	 * as Cassandra does when the lock is refused (an {@code UnsatisfiedLinkError} is ignored
	 * silently). Without this the node's resident memory depends on who runs the tests.
	 */
	private static void skipMemoryLocking() {
		try {
			Class<?> nativeLibrary = Class.forName("org.apache.cassandra.utils.NativeLibrary");
			Field field = nativeLibrary.getDeclaredField("wrappedLibrary");
			field.setAccessible(true);
			Object library = field.get(null);
			if (library == null) {
				return;
			}
			Object withoutLocking = Proxy.newProxyInstance(field.getType().getClassLoader(),
					new Class<?>[] { field.getType() }, withoutMlockall(library));
			// The field is static final: only Unsafe can replace it, before anything reads it.
			Class<?> unsafeType = Class.forName("sun.misc.Unsafe");
			Field theUnsafe = unsafeType.getDeclaredField("theUnsafe");
			theUnsafe.setAccessible(true);
			Object unsafe = theUnsafe.get(null);
			Object base = unsafeType.getMethod("staticFieldBase", Field.class).invoke(unsafe, field);
			long offset = (long) unsafeType.getMethod("staticFieldOffset", Field.class).invoke(unsafe, field);
			unsafeType.getMethod("putObjectVolatile", Object.class, long.class, Object.class)
				.invoke(unsafe, base, offset, withoutLocking);
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			// Another Cassandra version: it locks its memory as before, which only costs resident memory.
			System.err.println("cqlmigrations: could not skip Cassandra's mlockall, the node locks its memory: " + ex);
		}
	}

	private static InvocationHandler withoutMlockall(Object library) {
		return (proxy, method, arguments) -> {
			if (method.getName().equals("callMlockall")) {
				throw new UnsatisfiedLinkError("mlockall skipped on a test node");
			}
			try {
				return method.invoke(library, arguments);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		};
	}

}
