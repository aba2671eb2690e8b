package dev.cqlmigrations.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

/**
 * Migration scripts that tests of several modules write into a folder, the same way: one file,
 * the users-and-orders project the command line tests run, or migrations that count their own
 * executions.
 */
public final class TestScripts {

	private TestScripts() {
	}

	/**
	 * Writes one script (UTF-8), creating the folder if needed and replacing a file of that name.
	 * @param directory the folder of scripts
	 * @param fileName e.g. {@code V1__create_users.cql}
	 * @param content the script
	 * @return the folder
	 */
	public static Path write(Path directory, String fileName, String content) {
		try {
			Files.createDirectories(directory);
			Files.writeString(directory.resolve(fileName), content, StandardCharsets.UTF_8);
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes three migrations, each with its undo script: V1 creates {@code users}, V2 adds its
	 * {@code email} column, V3 creates {@code orders} and {@code order_lines} (two statements).
	 * @param directory the folder of scripts
	 * @return the folder
	 */
	public static Path usersAndOrders(Path directory) {
		write(directory, "V1__create_users.cql", "CREATE TABLE users (id uuid PRIMARY KEY, name text);");
		write(directory, "U1__create_users.cql", "DROP TABLE users;");
		write(directory, "V2__add_user_email.cql", "ALTER TABLE users ADD email text;");
		write(directory, "U2__add_user_email.cql", "ALTER TABLE users DROP email;");
		write(directory, "V3__create_orders.cql",
				"CREATE TABLE orders (id uuid PRIMARY KEY, user_id uuid);\nCREATE TABLE order_lines (id uuid PRIMARY KEY);");
		return write(directory, "U3__create_orders.cql", "DROP TABLE order_lines;\nDROP TABLE orders;");
	}

	/**
	 * Writes migrations {@code from..to} that count their own executions: V1 creates a counter
	 * table, each Vi adds table {@code ti} and adds 1 to its counter (not idempotent: a second
	 * execution shows as 2 in {@link #executions}).
	 * @param directory the folder of scripts
	 * @param from the first version to write
	 * @param to the last version to write
	 * @return the folder
	 */
	public static Path counted(Path directory, int from, int to) {
		for (int i = from; i <= to; i++) {
			String create = (i == 1) ? "CREATE TABLE applied (version int PRIMARY KEY, n counter);\n"
					: "CREATE TABLE t" + i + " (id int PRIMARY KEY, v text);\n";
			write(directory, "V" + i + "__counted_" + i + ".cql",
					create + "UPDATE applied SET n = n + 1 WHERE version = " + i + ";\n");
		}
		return directory;
	}

	/**
	 * How often each migration written by {@link #counted} ran, read at ALL so that every replica
	 * has to agree.
	 * @param session a session
	 * @param keyspace the migrated keyspace
	 * @return executions by version, in version order
	 */
	public static Map<Integer, Long> executions(CqlSession session, String keyspace) {
		Map<Integer, Long> counts = new TreeMap<>();
		for (Row row : session.execute(SimpleStatement.newInstance("SELECT version, n FROM " + keyspace + ".applied")
			.setConsistencyLevel(DefaultConsistencyLevel.ALL))) {
			counts.put(row.getInt(0), row.getLong(1));
		}
		return counts;
	}

}
