package dev.cqlmigrations.core;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.cqlmigrations.core.StatementClassifier.Classified;
import org.jspecify.annotations.Nullable;

/**
 * Finds out from the schema tables ({@code system_schema}) whether a schema change took effect,
 * for when its outcome is unknown: the client timed out, or the connection was lost after the
 * statement was sent. Knows the changes whose effect is visible by name (keyspaces, tables,
 * indexes, types, views, added, dropped and renamed columns); for any other statement the answer
 * is "unknown".
 */
final class SchemaProbe {

	private final CqlSession session;

	SchemaProbe(CqlSession session) {
		this.session = session;
	}

	/**
	 * Whether the schema shows the effect of a statement.
	 * @param cql the statement
	 * @param keyspace the keyspace of unqualified names
	 * @return {@code TRUE} when it took effect, {@code FALSE} when it did not (yet), {@code null}
	 * when the schema cannot tell
	 * @throws com.datastax.oss.driver.api.core.DriverException when the schema tables cannot be read
	 */
	@Nullable Boolean inEffect(String cql, String keyspace) {
		Classified statement = StatementClassifier.classify(cql);
		String ks = statement.keyspaceOr(keyspace);
		return switch (statement.kind()) {
			case CREATE_KEYSPACE -> keyspaceExists(ks);
			case DROP_KEYSPACE -> !keyspaceExists(ks);
			case CREATE_TABLE -> tableExists(ks, statement.object());
			case DROP_TABLE -> !tableExists(ks, statement.object());
			case CREATE_INDEX -> indexes(ks).contains(statement.object());
			case DROP_INDEX -> !indexes(ks).contains(statement.object());
			case CREATE_TYPE -> typeExists(ks, statement.object());
			case DROP_TYPE -> !typeExists(ks, statement.object());
			case CREATE_VIEW -> viewExists(ks, statement.object());
			case DROP_VIEW -> !viewExists(ks, statement.object());
			case ADD_COLUMNS -> columns(ks, statement.object()).containsAll(statement.columns());
			case DROP_COLUMNS -> statement.columns().stream().noneMatch(columns(ks, statement.object())::contains);
			case RENAME_COLUMN -> renamed(columns(ks, statement.object()), statement.columns());
			default -> null;
		};
	}

	/**
	 * The column names of column definitions.
	 * @param definition {@code email text} or {@code (a int, b frozen<map<text, int>>)}
	 * @return the first word of each top-level item
	 */
	static List<String> columnNames(String definition) {
		return StatementClassifier.columnNames(definition);
	}

	// The old name is gone and the new one is there.
	private static boolean renamed(Set<String> present, List<String> oldAndNew) {
		return present.contains(oldAndNew.get(1)) && !present.contains(oldAndNew.get(0));
	}

	private boolean typeExists(String keyspace, String type) {
		return exists("SELECT type_name FROM system_schema.types WHERE keyspace_name = ? AND type_name = ?", keyspace,
				type);
	}

	private boolean keyspaceExists(String keyspace) {
		return exists("SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?", keyspace);
	}

	private boolean tableExists(String keyspace, String table) {
		return exists("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?",
				keyspace, table);
	}

	private boolean viewExists(String keyspace, String view) {
		return exists("SELECT view_name FROM system_schema.views WHERE keyspace_name = ? AND view_name = ?", keyspace,
				view);
	}

	private Set<String> indexes(String keyspace) {
		Set<String> names = new HashSet<>();
		for (Row row : query("SELECT index_name FROM system_schema.indexes WHERE keyspace_name = ?", keyspace)) {
			names.add(row.getString(0));
		}
		return names;
	}

	private Set<String> columns(String keyspace, String table) {
		Set<String> names = new HashSet<>();
		for (Row row : query("SELECT column_name FROM system_schema.columns WHERE keyspace_name = ? AND "
				+ "table_name = ?", keyspace, table)) {
			names.add(row.getString(0));
		}
		return names;
	}

	private boolean exists(String cql, Object... values) {
		return query(cql, values).iterator().hasNext();
	}

	private Iterable<Row> query(String cql, Object... values) {
		return this.session.execute(SimpleStatement.newInstance(cql, values)
			.setConsistencyLevel(DefaultConsistencyLevel.ONE)
			.setIdempotent(true));
	}

}
