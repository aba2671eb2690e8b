package dev.cqlmigrations.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.jspecify.annotations.Nullable;

/**
 * Finds out from the schema tables ({@code system_schema}) whether a schema change took effect,
 * for when its outcome is unknown: the client timed out, or the connection was lost after the
 * statement was sent. Knows the changes whose effect is visible by name (keyspaces, tables,
 * indexes, types, views, added, dropped and renamed columns); for any other statement the answer
 * is "unknown".
 */
final class SchemaProbe {

	private static final String ID = "(\"(?:[^\"]|\"\")+\"|\\w+)";

	private static final String QUALIFIED = ID + "(?:\\s*\\.\\s*" + ID + ")?";

	private static final String IF_NOT_EXISTS = "(?:IF\\s+NOT\\s+EXISTS\\s+)?";

	private static final String IF_EXISTS = "(?:IF\\s+EXISTS\\s+)?";

	private static final Pattern CREATE_KEYSPACE = pattern("CREATE\\s+KEYSPACE\\s+" + IF_NOT_EXISTS + ID);

	private static final Pattern DROP_KEYSPACE = pattern("DROP\\s+KEYSPACE\\s+" + IF_EXISTS + ID);

	private static final Pattern CREATE_TABLE = pattern("CREATE\\s+(?:TABLE|COLUMNFAMILY)\\s+" + IF_NOT_EXISTS
			+ QUALIFIED);

	private static final Pattern DROP_TABLE = pattern("DROP\\s+(?:TABLE|COLUMNFAMILY)\\s+" + IF_EXISTS + QUALIFIED);

	private static final Pattern CREATE_INDEX = pattern("CREATE\\s+(?:CUSTOM\\s+)?INDEX\\s+" + IF_NOT_EXISTS + ID
			+ "\\s+ON\\s+" + QUALIFIED);

	private static final Pattern DROP_INDEX = pattern("DROP\\s+INDEX\\s+" + IF_EXISTS + QUALIFIED);

	private static final Pattern CREATE_TYPE = pattern("CREATE\\s+TYPE\\s+" + IF_NOT_EXISTS + QUALIFIED);

	private static final Pattern DROP_TYPE = pattern("DROP\\s+TYPE\\s+" + IF_EXISTS + QUALIFIED);

	private static final Pattern CREATE_VIEW = pattern("CREATE\\s+MATERIALIZED\\s+VIEW\\s+" + IF_NOT_EXISTS
			+ QUALIFIED);

	private static final Pattern DROP_VIEW = pattern("DROP\\s+MATERIALIZED\\s+VIEW\\s+" + IF_EXISTS + QUALIFIED);

	private static final Pattern ADD_COLUMNS = pattern("ALTER\\s+(?:TABLE|COLUMNFAMILY)\\s+" + IF_EXISTS + QUALIFIED
			+ "\\s+ADD\\s+" + IF_NOT_EXISTS + "(\\(.*\\)|" + ID + ".*)");

	private static final Pattern DROP_COLUMNS = pattern("ALTER\\s+(?:TABLE|COLUMNFAMILY)\\s+" + IF_EXISTS + QUALIFIED
			+ "\\s+DROP\\s+" + IF_EXISTS + "(\\(.*\\)|" + ID + ")\\s*(?:USING\\s+TIMESTAMP\\s+\\d+\\s*)?");

	private static final Pattern RENAME_COLUMN = pattern("ALTER\\s+(?:TABLE|COLUMNFAMILY)\\s+" + IF_EXISTS + QUALIFIED
			+ "\\s+RENAME\\s+" + IF_EXISTS + ID + "\\s+TO\\s+" + ID + "\\s*");

	private final CqlSession session;

	SchemaProbe(CqlSession session) {
		this.session = session;
	}

	private static Pattern pattern(String regex) {
		return Pattern.compile("(?is)^\\s*" + regex + ".*");
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
		Matcher m;
		if ((m = CREATE_KEYSPACE.matcher(cql)).matches()) {
			return keyspaceExists(name(m.group(1)));
		}
		if ((m = DROP_KEYSPACE.matcher(cql)).matches()) {
			return !keyspaceExists(name(m.group(1)));
		}
		if ((m = CREATE_TABLE.matcher(cql)).matches()) {
			return tableExists(ks(m, 1, keyspace), object(m, 1));
		}
		if ((m = DROP_TABLE.matcher(cql)).matches()) {
			return !tableExists(ks(m, 1, keyspace), object(m, 1));
		}
		if ((m = CREATE_INDEX.matcher(cql)).matches()) {
			return indexes(ks(m, 2, keyspace)).contains(name(m.group(1)));
		}
		if ((m = DROP_INDEX.matcher(cql)).matches()) {
			return !indexes(ks(m, 1, keyspace)).contains(object(m, 1));
		}
		if ((m = CREATE_TYPE.matcher(cql)).matches()) {
			return exists("SELECT type_name FROM system_schema.types WHERE keyspace_name = ? AND type_name = ?",
					ks(m, 1, keyspace), object(m, 1));
		}
		if ((m = DROP_TYPE.matcher(cql)).matches()) {
			return !exists("SELECT type_name FROM system_schema.types WHERE keyspace_name = ? AND type_name = ?",
					ks(m, 1, keyspace), object(m, 1));
		}
		if ((m = CREATE_VIEW.matcher(cql)).matches()) {
			return viewExists(ks(m, 1, keyspace), object(m, 1));
		}
		if ((m = DROP_VIEW.matcher(cql)).matches()) {
			return !viewExists(ks(m, 1, keyspace), object(m, 1));
		}
		if ((m = ADD_COLUMNS.matcher(cql)).matches()) {
			return columns(ks(m, 1, keyspace), object(m, 1)).containsAll(columnNames(m.group(3)));
		}
		if ((m = DROP_COLUMNS.matcher(cql)).matches()) {
			Set<String> present = columns(ks(m, 1, keyspace), object(m, 1));
			return columnNames(m.group(3)).stream().noneMatch(present::contains);
		}
		if ((m = RENAME_COLUMN.matcher(cql)).matches()) {
			Set<String> present = columns(ks(m, 1, keyspace), object(m, 1));
			return present.contains(name(m.group(4))) && !present.contains(name(m.group(3)));
		}
		return null;
	}

	// The keyspace of a possibly qualified name starting at the given group: "ks.t" or "t".
	private static String ks(Matcher m, int group, String keyspace) {
		return (m.group(group + 1) != null) ? name(m.group(group)) : keyspace;
	}

	private static String object(Matcher m, int group) {
		return name((m.group(group + 1) != null) ? m.group(group + 1) : m.group(group));
	}

	static String name(String identifier) {
		if (identifier.startsWith("\"")) {
			return identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"");
		}
		return identifier.toLowerCase(Locale.ROOT);
	}

	// "email text" or "(a int, b frozen<map<text, int>>)": the first word of each top-level item.
	static List<String> columnNames(String definition) {
		String text = definition.trim();
		if (text.startsWith("(")) {
			text = text.substring(1, text.lastIndexOf(')'));
		}
		List<String> names = new ArrayList<>();
		int depth = 0;
		int start = 0;
		for (int i = 0; i <= text.length(); i++) {
			char c = (i < text.length()) ? text.charAt(i) : ',';
			if (c == '<' || c == '(') {
				depth++;
			}
			else if (c == '>' || c == ')') {
				depth--;
			}
			else if (c == ',' && depth == 0) {
				Matcher first = Pattern.compile("^\\s*" + ID).matcher(text.substring(start, i));
				if (first.find()) {
					names.add(name(first.group(1)));
				}
				start = i + 1;
			}
		}
		return names;
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
