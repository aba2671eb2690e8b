package dev.cqlmigrations.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * Script sets and schema snapshots shared by the reliability tests.
 */
final class ScriptSets {

	private ScriptSets() {
	}

	/**
	 * Writes {@code count} migrations of three statements each: a table, a column added to it and
	 * a row with a fixed key (so that repeating it would be harmless, but an extra row is not).
	 */
	static Path write(Path directory, int count) {
		try {
			Files.createDirectories(directory);
			for (int i = 1; i <= count; i++) {
				Files.writeString(directory.resolve("V" + i + "__table_" + i + ".cql"),
						"CREATE TABLE t" + i + " (id int PRIMARY KEY, v text);\n" + "ALTER TABLE t" + i
								+ " ADD extra int;\n" + "INSERT INTO t" + i + " (id, v, extra) VALUES (1, 'row', " + i
								+ ");\n");
			}
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Tables and columns of a keyspace, without the engine's own tables. */
	static Map<String, List<String>> schema(CqlSession session, String keyspace) {
		Map<String, List<String>> schema = new TreeMap<>();
		for (Row row : session.execute("SELECT table_name, column_name, type FROM system_schema.columns "
				+ "WHERE keyspace_name = ?", keyspace)) {
			String table = row.getString(0);
			if (table.startsWith("migration_")) {
				continue;
			}
			schema.computeIfAbsent(table, (key) -> new ArrayList<>()).add(row.getString(1) + " " + row.getString(2));
		}
		schema.values().forEach((columns) -> columns.sort(String::compareTo));
		return schema;
	}

	/** History rows as "version:STATE:statements_done", in version order. */
	static List<String> history(CqlSession session, String keyspace) {
		Map<Integer, String> rows = new TreeMap<>();
		for (Row row : session.execute("SELECT version, state, statements_done FROM " + keyspace
				+ ".migration_history WHERE scope = 'default'")) {
			rows.put(Integer.parseInt(row.getString(0)), row.getString(0) + ":" + row.getString(1) + ":" + row.getInt(2));
		}
		return new ArrayList<>(rows.values());
	}

	static List<String> allApplied(int count) {
		List<String> rows = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			rows.add(i + ":APPLIED:3");
		}
		return rows;
	}

}
