package dev.cqlmigrations.test;

/**
 * The one node shared by all tests of a test JVM, started on first use and stopped when the JVM
 * exits. The forked node is the default; {@code -Dcqlmigrations.test.node=testcontainers} (with an
 * optional {@code -Dcqlmigrations.test.image=scylladb/scylla:6.2}) uses a container instead where a
 * Docker engine exists.
 */
public final class SharedCassandraNode {

	/** System property choosing the node kind: {@code forked} (default) or {@code testcontainers}. */
	public static final String KIND_PROPERTY = "cqlmigrations.test.node";

	private static CassandraNode node;

	private static RuntimeException startFailure;

	private SharedCassandraNode() {
	}

	/**
	 * The shared node, started on the first call. A failed start is remembered so that every
	 * test fails fast with the same cause instead of trying again.
	 * @return the running node
	 */
	public static synchronized CassandraNode get() {
		if (startFailure != null) {
			throw new CassandraNodeStartException("The shared Cassandra node failed to start earlier in this run: "
					+ startFailure.getMessage(), startFailure);
		}
		if (node == null) {
			try {
				node = start();
			}
			catch (RuntimeException ex) {
				startFailure = ex;
				throw ex;
			}
		}
		return node;
	}

	private static CassandraNode start() {
		// Before any session of this JVM exists: sessions must survive pauses of a shared, loaded node.
		PatientDriverSettings.apply();
		String kind = System.getProperty(KIND_PROPERTY, "forked");
		if ("testcontainers".equalsIgnoreCase(kind)) {
			return TestcontainersCassandraNode.start(System.getProperty("cqlmigrations.test.image", "cassandra:5.0"));
		}
		if (!"forked".equalsIgnoreCase(kind)) {
			throw new CassandraNodeStartException("Unknown -D" + KIND_PROPERTY + "=" + kind
					+ ": use 'forked' (default) or 'testcontainers'.", null);
		}
		// The forked node registers its own shutdown hook; it also halts if this JVM is killed.
		return ForkedCassandraNode.start(NodeOptions.defaults());
	}

}
