package dev.cqlmigrations.core;

/**
 * A migration script cannot be read or split into statements: unterminated string or comment,
 * unknown placeholder, empty script. Names the file, line and column.
 */
public class MigrationScriptException extends MigrationException {

	private final String script;

	private final int line;

	private final int column;

	/**
	 * Creates a new instance.
	 * @param script the script's name, e.g. {@code V1__create_users.cql}
	 * @param line 1-based line, {@code 0} when not tied to a position
	 * @param column 1-based column, {@code 0} when not tied to a position
	 * @param problem what is wrong and what to do
	 */
	public MigrationScriptException(String script, int line, int column, String problem) {
		super(script + ((line > 0) ? " (line " + line + ", column " + column + ")" : "") + ": " + problem);
		this.script = script;
		this.line = line;
		this.column = column;
	}

	/**
	 * The script's name.
	 * @return the script
	 */
	public String getScript() {
		return this.script;
	}

	/**
	 * The 1-based line of the problem, or {@code 0}.
	 * @return the line
	 */
	public int getLine() {
		return this.line;
	}

	/**
	 * The 1-based column of the problem, or {@code 0}.
	 * @return the column
	 */
	public int getColumn() {
		return this.column;
	}

}
