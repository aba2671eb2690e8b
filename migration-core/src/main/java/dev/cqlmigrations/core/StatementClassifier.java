package dev.cqlmigrations.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Recognizes what a CQL statement does from its text: which schema object it creates, drops or
 * alters, which keyspace it switches to, and which tables it writes to. The one place that knows
 * the shape of those statements, for the checks run before a migration and for finding out
 * afterwards whether a change took effect. Pure: it reads no schema.
 */
final class StatementClassifier {

	private static final String ID = "(\"(?:[^\"]|\"\")+\"|\\w+)";

	private static final String QUALIFIED = ID + "(?:\\s*\\.\\s*" + ID + ")?";

	private static final String IF_NOT_EXISTS = "(?:IF\\s+NOT\\s+EXISTS\\s+)?";

	private static final String IF_EXISTS = "(?:IF\\s+EXISTS\\s+)?";

	private static final String ALTER_TABLE = "ALTER\\s+(?:TABLE|COLUMNFAMILY)\\s+" + IF_EXISTS + QUALIFIED;

	// Tried in the order of Kind. The name of a created index is followed by its possibly qualified table.
	private static final Map<Kind, Pattern> KINDS = Map.ofEntries(
			Map.entry(Kind.CREATE_KEYSPACE, pattern("CREATE\\s+KEYSPACE\\s+" + IF_NOT_EXISTS + ID)),
			Map.entry(Kind.DROP_KEYSPACE, pattern("DROP\\s+KEYSPACE\\s+" + IF_EXISTS + ID)),
			Map.entry(Kind.CREATE_TABLE, pattern("CREATE\\s+(?:TABLE|COLUMNFAMILY)\\s+" + IF_NOT_EXISTS + QUALIFIED)),
			Map.entry(Kind.DROP_TABLE, pattern("DROP\\s+(?:TABLE|COLUMNFAMILY)\\s+" + IF_EXISTS + QUALIFIED)),
			Map.entry(Kind.CREATE_INDEX, pattern("CREATE\\s+(?:CUSTOM\\s+)?INDEX\\s+" + IF_NOT_EXISTS + ID
					+ "\\s+ON\\s+" + QUALIFIED)),
			Map.entry(Kind.DROP_INDEX, pattern("DROP\\s+INDEX\\s+" + IF_EXISTS + QUALIFIED)),
			Map.entry(Kind.CREATE_TYPE, pattern("CREATE\\s+TYPE\\s+" + IF_NOT_EXISTS + QUALIFIED)),
			Map.entry(Kind.DROP_TYPE, pattern("DROP\\s+TYPE\\s+" + IF_EXISTS + QUALIFIED)),
			Map.entry(Kind.CREATE_VIEW, pattern("CREATE\\s+MATERIALIZED\\s+VIEW\\s+" + IF_NOT_EXISTS + QUALIFIED)),
			Map.entry(Kind.DROP_VIEW, pattern("DROP\\s+MATERIALIZED\\s+VIEW\\s+" + IF_EXISTS + QUALIFIED)),
			Map.entry(Kind.ADD_COLUMNS, pattern(ALTER_TABLE + "\\s+ADD\\s+" + IF_NOT_EXISTS + "(\\(.*\\)|" + ID
					+ ".*)")),
			Map.entry(Kind.DROP_COLUMNS, pattern(ALTER_TABLE + "\\s+DROP\\s+" + IF_EXISTS + "(\\(.*\\)|" + ID
					+ ")\\s*(?:USING\\s+TIMESTAMP\\s+\\d+\\s*)?")),
			Map.entry(Kind.RENAME_COLUMN, pattern(ALTER_TABLE + "\\s+RENAME\\s+" + IF_EXISTS + ID + "\\s+TO\\s+" + ID
					+ "\\s*")),
			Map.entry(Kind.USE, Pattern.compile("(?is)^\\s*USE\\s+" + ID + "\\s*$")),
			Map.entry(Kind.SELECT, Pattern.compile("(?is)^\\s*SELECT\\b.*")));

	private static final Pattern WRITE = Pattern.compile("(?is)\\b(?:INSERT\\s+INTO|UPDATE|FROM|TRUNCATE(?:\\s+TABLE)?"
			+ "|(?:DROP|ALTER)\\s+(?:TABLE|COLUMNFAMILY)(?:\\s+IF\\s+EXISTS)?)\\s+" + QUALIFIED);

	private static final Pattern LEADING_COMMENTS = Pattern
		.compile("\\A(?:\\s+|--[^\\n]*(?:\\n|\\z)|//[^\\n]*(?:\\n|\\z)|/\\*.*?\\*/)*", Pattern.DOTALL);

	private static final Pattern FIRST_IDENTIFIER = Pattern.compile("^\\s*" + ID);

	private StatementClassifier() {
	}

	private static Pattern pattern(String regex) {
		return Pattern.compile("(?is)^\\s*" + regex + ".*");
	}

	/**
	 * Recognizes a statement. Leading comments are skipped.
	 * @param cql the statement
	 * @return what it does; {@link Kind#OTHER} for any statement not listed in {@link Kind}
	 */
	static Classified classify(String cql) {
		String text = LEADING_COMMENTS.matcher(cql).replaceFirst("");
		for (Kind kind : Kind.values()) {
			Pattern pattern = KINDS.get(kind);
			if (pattern != null) {
				Matcher m = pattern.matcher(text);
				if (m.matches()) {
					return classified(kind, m);
				}
			}
		}
		return new Classified(Kind.OTHER, null, null, List.of());
	}

	private static Classified classified(Kind kind, Matcher m) {
		return switch (kind) {
			case CREATE_KEYSPACE, DROP_KEYSPACE, USE -> new Classified(kind, name(m.group(1)), null, List.of());
			// The index lives in the keyspace of its table.
			case CREATE_INDEX -> new Classified(kind, qualifier(m, 2), name(m.group(1)), List.of());
			case ADD_COLUMNS, DROP_COLUMNS -> new Classified(kind, qualifier(m, 1), object(m, 1),
					columnNames(m.group(3)));
			case RENAME_COLUMN -> new Classified(kind, qualifier(m, 1), object(m, 1),
					List.of(name(m.group(3)), name(m.group(4))));
			case SELECT, OTHER -> new Classified(kind, null, null, List.of());
			default -> new Classified(kind, qualifier(m, 1), object(m, 1), List.of());
		};
	}

	/**
	 * The tables a statement writes to (inserts, updates, deletes, truncates, drops or alters),
	 * wherever they appear in it, batches included.
	 * @param cql the statement
	 * @return the tables in statement order; an unqualified table has a {@code null} keyspace
	 */
	static List<TableName> writtenTables(String cql) {
		List<TableName> tables = new ArrayList<>();
		Matcher write = WRITE.matcher(cql);
		while (write.find()) {
			tables.add(new TableName(qualifier(write, 1), object(write, 1)));
		}
		return tables;
	}

	// The keyspace of a possibly qualified name starting at the given group: "ks.t" or "t".
	private static @Nullable String qualifier(Matcher m, int group) {
		return (m.group(group + 1) != null) ? name(m.group(group)) : null;
	}

	private static String object(Matcher m, int group) {
		return name((m.group(group + 1) != null) ? m.group(group + 1) : m.group(group));
	}

	/**
	 * The name an identifier stands for: as written when quoted, lower case otherwise.
	 * @param identifier the identifier as written, quotes included
	 * @return the name
	 */
	static String name(String identifier) {
		if (identifier.startsWith("\"")) {
			return identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"");
		}
		return identifier.toLowerCase(Locale.ROOT);
	}

	/**
	 * The column names of column definitions: the first word of each top-level item.
	 * @param definition {@code email text} or {@code (a int, b frozen<map<text, int>>)}
	 * @return the names
	 */
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
				Matcher first = FIRST_IDENTIFIER.matcher(text.substring(start, i));
				if (first.find()) {
					names.add(name(first.group(1)));
				}
				start = i + 1;
			}
		}
		return names;
	}

	/** What a statement does. */
	enum Kind {

		CREATE_KEYSPACE, DROP_KEYSPACE, CREATE_TABLE, DROP_TABLE, CREATE_INDEX, DROP_INDEX, CREATE_TYPE, DROP_TYPE,
		CREATE_VIEW, DROP_VIEW, ADD_COLUMNS, DROP_COLUMNS, RENAME_COLUMN, USE, SELECT,

		/** Any other statement: inserts, updates, functions, roles... */
		OTHER

	}

	/**
	 * A recognized statement.
	 * @param kind what it does
	 * @param keyspace the keyspace it creates, drops or uses, or that qualifies its object;
	 * {@code null} when the object's name is not qualified (the current keyspace applies)
	 * @param name the table, index, type or view it is about; {@code null} for keyspace statements
	 * @param columns the added or dropped columns, or the old and new name of a renamed column
	 */
	record Classified(Kind kind, @Nullable String keyspace, @Nullable String name, List<String> columns) {

		/**
		 * The keyspace of the statement's object.
		 * @param current the keyspace of unqualified names
		 * @return the qualifying keyspace, or {@code current}
		 */
		String keyspaceOr(String current) {
			return (this.keyspace != null) ? this.keyspace : current;
		}

		/** @return the object's name; only for kinds that have one */
		String object() {
			if (this.name == null) {
				throw new IllegalStateException(this.kind + " has no object name");
			}
			return this.name;
		}

	}

	/**
	 * A table a statement names.
	 * @param keyspace its keyspace, {@code null} when not qualified
	 * @param table its name
	 */
	record TableName(@Nullable String keyspace, String table) {

		/**
		 * The table's keyspace.
		 * @param current the keyspace of unqualified names
		 * @return the qualifying keyspace, or {@code current}
		 */
		String keyspaceOr(String current) {
			return (this.keyspace != null) ? this.keyspace : current;
		}

	}

}
