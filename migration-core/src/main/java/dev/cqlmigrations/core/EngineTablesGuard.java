package dev.cqlmigrations.core;

import java.util.List;
import java.util.Set;

import dev.cqlmigrations.core.StatementClassifier.Classified;
import dev.cqlmigrations.core.StatementClassifier.Kind;
import dev.cqlmigrations.core.StatementClassifier.TableName;

import org.jspecify.annotations.Nullable;

/**
 * Refuses scripts that write to the engine's own history or lock table, before anything runs: a
 * migration that edits the history can make it claim what is not true, and one that touches the
 * lock can let two runs overlap. Reading them is allowed.
 */
final class EngineTablesGuard {

	private EngineTablesGuard() {
	}

	/**
	 * Checks every up and undo script.
	 * @param migrations the loaded migrations
	 * @param settings names of the keyspace and of the engine's tables
	 * @throws MigrationLoadException naming the script, line and table of the first offending statement
	 */
	static void check(List<ResolvedMigration> migrations, MigrationSettings settings) {
		for (ResolvedMigration migration : migrations) {
			if (migration.type() == MigrationType.CQL) {
				check(migration.script(), migration.statements(), settings);
				check(migration.undoScript(), migration.undoStatements(), settings);
			}
		}
	}

	private static void check(@Nullable String script, List<CqlStatement> statements, MigrationSettings settings) {
		Set<String> engineTables = Set.of(settings.historyTable(), settings.lockTable());
		String keyspace = settings.keyspace();
		for (CqlStatement statement : statements) {
			Classified classified = StatementClassifier.classify(statement.cql());
			if (classified.kind() == Kind.USE) {
				keyspace = classified.keyspaceOr(keyspace);
				continue;
			}
			if (classified.kind() == Kind.SELECT) {
				continue;
			}
			for (TableName written : StatementClassifier.writtenTables(statement.cql())) {
				String targetKeyspace = written.keyspaceOr(keyspace);
				String table = written.table();
				if (targetKeyspace.equals(settings.keyspace()) && engineTables.contains(table)) {
					throw new MigrationLoadException("Migration script " + script + " (line " + statement.line()
							+ ") writes to the engine's own table " + targetKeyspace + "." + table + ": migrations "
							+ "must not change the migration history or lock (the engine records every migration "
							+ "itself). Remove that statement; use 'migrate repair' or 'migrate baseline' to correct "
							+ "the history.");
				}
			}
		}
	}

}
