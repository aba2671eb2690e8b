package dev.cqlmigrations.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Splits a CQL script into statements with a small lexer, so that a {@code ;} only ends a
 * statement where CQL itself would end it: not inside {@code 'strings'}, {@code "identifiers"},
 * {@code $$ bodies $$} or comments, and not inside {@code BEGIN BATCH ... APPLY BATCH}.
 * <p>
 * Line endings are normalized to {@code \n} first, like {@link Checksums}, so that a script
 * gives the same statements whether it was checked out with CRLF or LF. Comments are removed
 * (line breaks inside a statement are kept, so that line numbers stay right) and the content of
 * strings is kept as written.
 * <p>
 * Commands of the {@code cqlsh} shell ({@code CONSISTENCY}, {@code SOURCE}, {@code COPY} …) are not
 * CQL: the server rejects them. They are refused here, with their position, so that a script
 * written for {@code cqlsh -f} fails while loading rather than halfway through a migration.
 */
public final class CqlScriptSplitter {

	private static final String DISPLAY_ONLY = "a cqlsh display setting that has no meaning outside cqlsh; "
			+ "remove it";

	/** The first word of each cqlsh shell command, and what to do instead. */
	private static final Map<String, String> CQLSH_COMMANDS = Map.ofEntries(
			Map.entry("CONSISTENCY", "the engine reads and writes its history at migrations.consistency.* and runs "
					+ "schema changes at its own level; remove the line"),
			Map.entry("SERIAL", "the engine takes its lock at migrations.consistency.serial; remove the line"),
			Map.entry("SOURCE", "scripts cannot include other files; move the statements of that file into "
					+ "migrations of their own"),
			Map.entry("COPY", "the driver cannot read or write CSV files; write INSERT statements, or load the data "
					+ "in a Java migration"),
			Map.entry("DESCRIBE", "it only prints schema and changes nothing; remove it"),
			Map.entry("DESC", "it only prints schema and changes nothing; remove it"),
			Map.entry("TRACING", DISPLAY_ONLY), Map.entry("PAGING", DISPLAY_ONLY), Map.entry("EXPAND", DISPLAY_ONLY),
			Map.entry("CAPTURE", DISPLAY_ONLY), Map.entry("SHOW", DISPLAY_ONLY), Map.entry("CLEAR", DISPLAY_ONLY),
			Map.entry("CLS", DISPLAY_ONLY),
			Map.entry("LOGIN", "credentials come from spring.cassandra.username/password (or migrations.cassandra.*); "
					+ "remove the line"),
			Map.entry("EXIT", "a script ends at its end; remove the line"),
			Map.entry("QUIT", "a script ends at its end; remove the line"));

	private CqlScriptSplitter() {
	}

	/**
	 * Splits a script into statements.
	 * @param scriptName the script's name, used in error messages
	 * @param content the script's text
	 * @return the statements in script order, without terminating semicolons; empty when the
	 * script holds only whitespace and comments
	 * @throws MigrationScriptException when a string, quoted identifier, {@code $$} body, block
	 * comment or batch is not terminated
	 */
	public static List<CqlStatement> split(String scriptName, String content) {
		return new Lexer(scriptName, Checksums.normalize(content)).split();
	}

	private static final class Lexer {

		private final String scriptName;

		private final String text;

		private final int[] lineStarts;

		private final List<CqlStatement> statements = new ArrayList<>();

		private int pos;

		/** Text of the current statement; empty until its first token. */
		private final StringBuilder current = new StringBuilder();

		private int statementStart = -1;

		/** The first three tokens of the current statement, upper case, to recognize a batch. */
		private final List<String> leadingTokens = new ArrayList<>(3);

		private boolean inBatch;

		private @Nullable String previousToken;

		private @Nullable String lastToken;

		Lexer(String scriptName, String text) {
			this.scriptName = scriptName;
			this.text = text;
			this.lineStarts = lineStarts(text);
		}

		private static int[] lineStarts(String text) {
			int[] starts = new int[16];
			int count = 1;
			for (int i = 0; i < text.length(); i++) {
				if (text.charAt(i) == '\n') {
					if (count == starts.length) {
						starts = Arrays.copyOf(starts, count * 2);
					}
					starts[count++] = i + 1;
				}
			}
			return Arrays.copyOf(starts, count);
		}

		List<CqlStatement> split() {
			while (this.pos < this.text.length()) {
				char c = this.text.charAt(this.pos);
				char next = (this.pos + 1 < this.text.length()) ? this.text.charAt(this.pos + 1) : 0;
				if (Character.isWhitespace(c)) {
					whitespace(c);
				}
				else if ((c == '-' && next == '-') || (c == '/' && next == '/')) {
					lineComment();
				}
				else if (c == '/' && next == '*') {
					blockComment();
				}
				else if (c == ';') {
					semicolon();
				}
				else if (c == '\'') {
					quoted('\'', "string literal",
							"close it with a single quote (write '' for a quote inside a string)");
				}
				else if (c == '"') {
					quoted('"', "quoted identifier",
							"close it with a double quote (write \"\" for a double quote inside a name)");
				}
				else if (c == '$' && next == '$') {
					dollarBody();
				}
				else if (isWordPart(c)) {
					word();
				}
				else {
					token(this.pos, this.pos + 1, String.valueOf(c));
				}
			}
			endOfScript();
			return this.statements;
		}

		private void whitespace(char c) {
			if (this.statementStart >= 0) {
				if (c == '\n') {
					stripTrailingBlanks();
				}
				this.current.append(c);
			}
			this.pos++;
		}

		private void lineComment() {
			int end = this.text.indexOf('\n', this.pos);
			this.pos = (end >= 0) ? end : this.text.length();
			// The line break stays, so the statement keeps its line structure.
			stripTrailingBlanks();
		}

		private void blockComment() {
			int end = this.text.indexOf("*/", this.pos + 2);
			if (end < 0) {
				throw error(this.pos, "unterminated block comment starting here; close it with */ "
						+ "(block comments do not nest)");
			}
			String comment = this.text.substring(this.pos, end + 2);
			this.pos = end + 2;
			if (this.statementStart < 0) {
				return;
			}
			long lineBreaks = comment.chars().filter((ch) -> ch == '\n').count();
			if (lineBreaks > 0) {
				stripTrailingBlanks();
				this.current.append("\n".repeat((int) lineBreaks));
			}
			else if (this.current.length() > 0
					&& !Character.isWhitespace(this.current.charAt(this.current.length() - 1))) {
				// Keeps "a/**/b" two tokens.
				this.current.append(' ');
			}
		}

		private void semicolon() {
			if (this.inBatch && !endsWithApplyBatch()) {
				token(this.pos, this.pos + 1, ";");
				return;
			}
			endStatement();
			this.pos++;
		}

		private void quoted(char quote, String what, String fix) {
			int start = this.pos;
			int i = start + 1;
			while (true) {
				int close = this.text.indexOf(quote, i);
				if (close < 0) {
					throw error(start, "unterminated " + what + " starting here; " + fix);
				}
				if (close + 1 < this.text.length() && this.text.charAt(close + 1) == quote) {
					i = close + 2;
				}
				else {
					token(start, close + 1, what);
					return;
				}
			}
		}

		private void dollarBody() {
			int start = this.pos;
			int close = this.text.indexOf("$$", start + 2);
			if (close < 0) {
				throw error(start, "unterminated $$ body starting here; close the function body with $$");
			}
			token(start, close + 2, "$$");
		}

		private void word() {
			int end = this.pos;
			while (end < this.text.length() && isWordPart(this.text.charAt(end))) {
				end++;
			}
			token(this.pos, end, this.text.substring(this.pos, end).toUpperCase(Locale.ROOT));
		}

		private static boolean isWordPart(char c) {
			return Character.isLetterOrDigit(c) || c == '_';
		}

		/**
		 * Adds a token to the current statement.
		 * @param start start offset in the text
		 * @param end end offset (exclusive)
		 * @param kind the upper-case word, or what the token is for anything else
		 */
		private void token(int start, int end, String kind) {
			if (this.inBatch && endsWithApplyBatch()) {
				throw error(start, "missing ';' after APPLY BATCH: the batch that starts at "
						+ position(this.statementStart) + " ends there; add ';' before the next statement");
			}
			if (this.statementStart < 0) {
				this.statementStart = start;
			}
			this.current.append(this.text, start, end);
			this.pos = end;
			this.previousToken = this.lastToken;
			this.lastToken = kind;
			if (this.leadingTokens.size() < 3) {
				if (this.leadingTokens.isEmpty() && CQLSH_COMMANDS.containsKey(kind)) {
					throw error(start, cqlshCommand(kind, end));
				}
				this.leadingTokens.add(kind);
				this.inBatch = isBatchStart(this.leadingTokens);
			}
		}

		private String cqlshCommand(String word, int wordEnd) {
			int lineEnd = this.text.indexOf('\n', wordEnd);
			String line = this.text.substring(wordEnd - word.length(), (lineEnd >= 0) ? lineEnd : this.text.length())
				.strip();
			String command = ("SERIAL".equals(word)) ? "SERIAL CONSISTENCY" : word;
			// Only called for a word that is a key of CQLSH_COMMANDS.
			String instead = Objects.requireNonNull(CQLSH_COMMANDS.get(word), word);
			return "'" + ((line.length() > 60) ? line.substring(0, 60) + "..." : line) + "' is the cqlsh command "
					+ command + ", not CQL: the server would reject it when the migration runs. "
					+ Character.toUpperCase(instead.charAt(0)) + instead.substring(1)
					+ ".";
		}

		/** Whether the leading tokens are BEGIN BATCH or BEGIN UNLOGGED|COUNTER BATCH. */
		private static boolean isBatchStart(List<String> tokens) {
			if (tokens.size() < 2 || !"BEGIN".equals(tokens.get(0))) {
				return false;
			}
			String second = tokens.get(1);
			return "BATCH".equals(second) || (tokens.size() == 3
					&& ("UNLOGGED".equals(second) || "COUNTER".equals(second)) && "BATCH".equals(tokens.get(2)));
		}

		private boolean endsWithApplyBatch() {
			return "APPLY".equals(this.previousToken) && "BATCH".equals(this.lastToken);
		}

		private void endOfScript() {
			if (this.inBatch && !endsWithApplyBatch()) {
				throw error(this.statementStart, "batch without APPLY BATCH: the statements inside a batch end "
						+ "with ';' and the batch itself must end with APPLY BATCH;");
			}
			endStatement();
		}

		private void endStatement() {
			if (this.statementStart >= 0) {
				int[] position = lineAndColumn(this.statementStart);
				this.statements.add(new CqlStatement(this.current.toString().trim(), position[0], position[1]));
			}
			this.current.setLength(0);
			this.statementStart = -1;
			this.leadingTokens.clear();
			this.inBatch = false;
			this.previousToken = null;
			this.lastToken = null;
		}

		private void stripTrailingBlanks() {
			int length = this.current.length();
			while (length > 0 && (this.current.charAt(length - 1) == ' ' || this.current.charAt(length - 1) == '\t')) {
				length--;
			}
			this.current.setLength(length);
		}

		private int[] lineAndColumn(int offset) {
			int index = Arrays.binarySearch(this.lineStarts, offset);
			int line = (index >= 0) ? index : -index - 2;
			return new int[] { line + 1, offset - this.lineStarts[line] + 1 };
		}

		private String position(int offset) {
			int[] position = lineAndColumn(offset);
			return "line " + position[0] + ", column " + position[1];
		}

		private MigrationScriptException error(int offset, String problem) {
			int[] position = lineAndColumn(offset);
			return new MigrationScriptException(this.scriptName, position[0], position[1], problem);
		}

	}

}
