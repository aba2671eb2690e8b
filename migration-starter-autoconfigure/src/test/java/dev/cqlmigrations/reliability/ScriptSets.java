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
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

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

	/**
	 * Writes migrations {@code from..to} that count their own executions: V1 creates a counter
	 * table, each Vi adds table {@code ti} and adds 1 to its counter (not idempotent: a second
	 * execution shows as 2).
	 */
	static Path writeCounted(Path directory, int from, int to) {
		try {
			Files.createDirectories(directory);
			for (int i = from; i <= to; i++) {
				String create = (i == 1) ? "CREATE TABLE applied (version int PRIMARY KEY, n counter);\n"
						: "CREATE TABLE t" + i + " (id int PRIMARY KEY, v text);\n";
				Files.writeString(directory.resolve("V" + i + "__counted_" + i + ".cql"),
						create + "UPDATE applied SET n = n + 1 WHERE version = " + i + ";\n");
			}
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** How often each counted migration ran, by version, read at ALL. */
	static Map<Integer, Long> executions(CqlSession session, String keyspace) {
		Map<Integer, Long> counts = new TreeMap<>();
		for (Row row : session.execute(SimpleStatement.newInstance("SELECT version, n FROM " + keyspace + ".applied")
			.setConsistencyLevel(DefaultConsistencyLevel.ALL))) {
			counts.put(row.getInt(0), row.getLong(1));
		}
		return counts;
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
