package dev.cqlmigrations.core;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Refuses scripts that write to the engine's own history or lock table, before anything runs: a
 * migration that edits the history can make it claim what is not true, and one that touches the
 * lock can let two runs overlap. Reading them is allowed.
 */
final class EngineTablesGuard {

	private static final String ID = "(\"(?:[^\"]|\"\")+\"|\\w+)";

	private static final Pattern WRITE = Pattern.compile("(?is)\\b(?:INSERT\\s+INTO|UPDATE|FROM|TRUNCATE(?:\\s+TABLE)?"
			+ "|(?:DROP|ALTER)\\s+(?:TABLE|COLUMNFAMILY)(?:\\s+IF\\s+EXISTS)?)\\s+" + ID
			+ "(?:\\s*\\.\\s*" + ID + ")?");

	private static final Pattern SELECT = Pattern.compile("(?is)^\\s*SELECT\\b.*");

	private static final Pattern USE = Pattern.compile("(?is)^\\s*USE\\s+" + ID + "\\s*$");

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
			Matcher use = USE.matcher(statement.cql());
			if (use.matches()) {
				keyspace = SchemaProbe.name(use.group(1));
				continue;
			}
			if (SELECT.matcher(statement.cql()).matches()) {
				continue;
			}
			Matcher write = WRITE.matcher(statement.cql());
			while (write.find()) {
				boolean qualified = write.group(2) != null;
				String targetKeyspace = qualified ? SchemaProbe.name(write.group(1)) : keyspace;
				String table = SchemaProbe.name(qualified ? write.group(2) : write.group(1));
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
