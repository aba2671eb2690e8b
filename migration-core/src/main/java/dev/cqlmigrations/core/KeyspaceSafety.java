package dev.cqlmigrations.core;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Checks that keep the history keyspace safe: no script creates or drops it behind the engine's
 * back, and a keyspace the engine creates on a cluster of several nodes does not get a single
 * replica by default.
 */
final class KeyspaceSafety {

	private static final String NAME = "(\"(?:[^\"]|\"\")+\"|[A-Za-z0-9_]+)";

	private static final Pattern CREATE_KEYSPACE = Pattern
		.compile("CREATE\\s+KEYSPACE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + NAME, Pattern.CASE_INSENSITIVE);

	private static final Pattern DROP_KEYSPACE = Pattern
		.compile("DROP\\s+KEYSPACE\\s+(?:IF\\s+EXISTS\\s+)?" + NAME, Pattern.CASE_INSENSITIVE);

	private static final Pattern LEADING_COMMENTS = Pattern
		.compile("\\A(?:\\s+|--[^\\n]*(?:\\n|\\z)|//[^\\n]*(?:\\n|\\z)|/\\*.*?\\*/)*", Pattern.DOTALL);

	private static final int MAX_DEFAULT_REPLICAS = 3;

	private KeyspaceSafety() {
	}

	/**
	 * Refuses pending migrations of which a script creates the history keyspace: the engine has
	 * to create it first, so the script's {@code CREATE KEYSPACE} would silently do nothing.
	 * @param pending the migrations about to run
	 * @param keyspace the history keyspace
	 * @throws MigrationConfigurationException naming the script; nothing has run
	 */
	static void checkNoScriptCreatesHistoryKeyspace(List<PendingMigration> pending, String keyspace) {
		for (PendingMigration migration : pending) {
			ResolvedMigration resolved = migration.migration();
			CqlStatement statement = find(resolved.statements(), CREATE_KEYSPACE, keyspace);
			if (statement != null) {
				throw new MigrationConfigurationException("V" + resolved.version() + " (" + resolved.script()
						+ ", line " + statement.line() + ") creates keyspace " + keyspace + ", which is also the "
						+ "keyspace of the migration history (migrations.keyspace). The engine creates that keyspace "
						+ "before any script runs, with migrations.replication, so the script's CREATE KEYSPACE "
						+ "would silently do nothing and its replication would never apply. Keep the history in a "
						+ "keyspace of its own (e.g. migrations.keyspace=" + historyKeyspaceHint(keyspace)
						+ ", as the sample does), or remove the CREATE KEYSPACE from " + resolved.script()
						+ " and set migrations.replication.* to the replication it had. Nothing was run.");
			}
		}
	}

	/**
	 * Refuses a rollback whose undo script drops the history keyspace, which would delete the
	 * history (and the lock) along with the schema.
	 * @param toUndo the migrations about to be rolled back
	 * @param keyspace the history keyspace
	 * @throws RollbackException naming the undo script; nothing has run
	 */
	static void checkNoUndoDropsHistoryKeyspace(List<ResolvedMigration> toUndo, String keyspace) {
		for (ResolvedMigration migration : toUndo) {
			CqlStatement statement = find(migration.undoStatements(), DROP_KEYSPACE, keyspace);
			if (statement != null) {
				throw new RollbackException("Undo script " + migration.undoScript() + " (line " + statement.line()
						+ ") drops keyspace " + keyspace + ", which holds the migration history (migrations.keyspace): "
						+ "the history and the lock would be deleted with it. Drop the tables instead of the "
						+ "keyspace, or keep the history in a keyspace of its own (e.g. migrations.keyspace="
						+ historyKeyspaceHint(keyspace) + "). Nothing was rolled back.");
			}
		}
	}

	/**
	 * The replication of a keyspace the engine creates when none is configured: SimpleStrategy
	 * with one replica on a single node, otherwise NetworkTopologyStrategy with min(3, nodes)
	 * replicas in every data center.
	 * @param nodesPerDatacenter the number of nodes of each data center
	 * @return the replication
	 */
	static KeyspaceReplication defaultReplication(Map<String, Integer> nodesPerDatacenter) {
		int nodes = nodesPerDatacenter.values().stream().mapToInt(Integer::intValue).sum();
		if (nodes <= 1) {
			return KeyspaceReplication.simple(1);
		}
		Map<String, Integer> replicas = new TreeMap<>();
		nodesPerDatacenter.forEach((datacenter, count) -> replicas.put(datacenter,
				Math.min(MAX_DEFAULT_REPLICAS, count)));
		return KeyspaceReplication.networkTopology(replicas);
	}

	private static @Nullable CqlStatement find(List<CqlStatement> statements, Pattern pattern, String keyspace) {
		for (CqlStatement statement : statements) {
			String cql = LEADING_COMMENTS.matcher(statement.cql()).replaceFirst("");
			Matcher matcher = pattern.matcher(cql);
			if (matcher.lookingAt() && keyspace.equals(name(matcher.group(1)))) {
				return statement;
			}
		}
		return null;
	}

	private static String name(String identifier) {
		if (identifier.startsWith("\"")) {
			return identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"");
		}
		return identifier.toLowerCase(Locale.ROOT);
	}

	private static String historyKeyspaceHint(String keyspace) {
		String hint = keyspace + "_migrations";
		return (hint.length() <= 48) ? hint : "schema_migrations";
	}

}
