package dev.cqlmigrations.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns when the history or the lock use a {@code LOCAL_*} consistency level on a cluster with
 * several datacenters: each datacenter then decides alone, so two datacenters that cannot see each
 * other both apply the migrations, and Cassandra drops one side's tables when they meet again.
 */
final class LocalConsistencyWarning {

	private static final Logger logger = LoggerFactory.getLogger(LocalConsistencyWarning.class);

	private LocalConsistencyWarning() {
	}

	/**
	 * Logs the warning if it applies.
	 * @param session the engine's session, for the datacenters it knows
	 * @param settings the settings
	 * @return whether the warning was logged
	 */
	static boolean logIfMultiDatacenter(CqlSession session, MigrationSettings settings) {
		List<String> local = new ArrayList<>();
		addIfLocal(local, "write", settings.writeConsistency());
		addIfLocal(local, "read", settings.readConsistency());
		addIfLocal(local, "serial", settings.serialConsistency());
		if (local.isEmpty()) {
			return false;
		}
		Set<String> datacenters = new TreeSet<>();
		for (Node node : session.getMetadata().getNodes().values()) {
			if (node.getDatacenter() != null) {
				datacenters.add(node.getDatacenter());
			}
		}
		if (datacenters.size() < 2) {
			return false;
		}
		logger.warn("{} use datacenter-local levels ({} / {} / {}) on a cluster with "
				+ "datacenters {}: two datacenters that cannot see each other would both apply the same migrations, "
				+ "and Cassandra drops one side's tables when they meet again. Use QUORUM / QUORUM / SERIAL unless "
				+ "you accept that risk.", String.join(", ", local), settings.writeConsistency(),
				settings.readConsistency(), settings.serialConsistency(), datacenters);
		return true;
	}

	private static void addIfLocal(List<String> local, String name, ConsistencyLevel level) {
		if (level.name().startsWith("LOCAL_")) {
			local.add("migrations.consistency." + name);
		}
	}

}
