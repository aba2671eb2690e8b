package dev.cqlmigrations.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link CqlScriptSplitter}.
 */
class CqlScriptSplitterTest {

	private static final String SCRIPT = "V1__test.cql";

	@Test
	void splitsOnSemicolons() {
		assertThat(cql("CREATE TABLE a (k int PRIMARY KEY);\nCREATE TABLE b (k int PRIMARY KEY);"))
			.containsExactly("CREATE TABLE a (k int PRIMARY KEY)", "CREATE TABLE b (k int PRIMARY KEY)");
	}

	@Test
	void keepsLastStatementWithoutSemicolon() {
		assertThat(cql("DROP TABLE a;\nDROP TABLE b\n")).containsExactly("DROP TABLE a", "DROP TABLE b");
	}

	@Test
	void singleStatementWithoutSemicolon() {
		assertThat(split("SELECT * FROM t")).extracting(CqlStatement::cql, CqlStatement::line, CqlStatement::column)
			.containsExactly(tuple("SELECT * FROM t", 1, 1));
	}

	@Test
	void skipsEmptyStatements() {
		assertThat(cql(";;DROP TABLE a;;; ;\n;DROP TABLE b;;")).containsExactly("DROP TABLE a", "DROP TABLE b");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "\n\n\t\n", ";", " ; ; ", "-- only a comment", "// only a comment\n",
			"/* block */", "/* multi\nline */\n-- and more\n;\n", "\uFEFF", "\uFEFF\r\n-- x\r\n" })
	void emptyOrCommentOnlyScriptHasNoStatements(String content) {
		assertThat(split(content)).isEmpty();
	}

	@Test
	void trimsStatements() {
		assertThat(cql("   \n\t  DROP TABLE a   \n\t ;  ")).containsExactly("DROP TABLE a");
	}

	@Test
	void reportsLineAndColumnOfFirstToken() {
		List<CqlStatement> statements = split("\n\n   DROP TABLE a;  DROP TABLE b;\n\tDROP TABLE c");
		assertThat(statements).extracting(CqlStatement::line, CqlStatement::column)
			.containsExactly(tuple(3, 4), tuple(3, 19), tuple(4, 2));
	}

	@Test
	void positionIsAfterPrecedingComments() {
		List<CqlStatement> statements = split("-- header\n/* block\n comment */ DROP TABLE a;\n// x\n  DROP TABLE b;");
		assertThat(statements).extracting(CqlStatement::cql, CqlStatement::line, CqlStatement::column)
			.containsExactly(tuple("DROP TABLE a", 3, 13), tuple("DROP TABLE b", 5, 3));
	}

	@Test
	void semicolonInsideStringDoesNotSplit() {
		assertThat(cql("INSERT INTO t (k, v) VALUES (1, 'a;b;c'); DROP TABLE x;"))
			.containsExactly("INSERT INTO t (k, v) VALUES (1, 'a;b;c')", "DROP TABLE x");
	}

	@Test
	void doubledQuoteInsideString() {
		assertThat(cql("INSERT INTO t (k, v) VALUES (1, 'it''s; ok'''); DROP TABLE x;"))
			.containsExactly("INSERT INTO t (k, v) VALUES (1, 'it''s; ok''')", "DROP TABLE x");
	}

	@Test
	void emptyStringAndStringOfQuotes() {
		assertThat(cql("INSERT INTO t (a, b) VALUES ('', ''''); DROP TABLE x"))
			.containsExactly("INSERT INTO t (a, b) VALUES ('', '''')", "DROP TABLE x");
	}

	@Test
	void commentMarkersInsideStringAreKept() {
		String statement = "INSERT INTO t (k, v) VALUES (1, '-- no /* comment */ // here')";
		assertThat(cql(statement + ";")).containsExactly(statement);
	}

	@Test
	void multiLineStringIsKeptExactly() {
		String statement = "INSERT INTO t (k, v) VALUES (1, 'first line;   \n  -- second line\t \n')";
		assertThat(cql(statement + ";\nDROP TABLE x;")).containsExactly(statement, "DROP TABLE x");
	}

	@Test
	void semicolonInsideQuotedIdentifier() {
		assertThat(cql("CREATE TABLE \"My;Table\" (\"a\"\"b;\" int PRIMARY KEY); DROP TABLE \"My;Table\""))
			.containsExactly("CREATE TABLE \"My;Table\" (\"a\"\"b;\" int PRIMARY KEY)", "DROP TABLE \"My;Table\"");
	}

	@Test
	void singleQuoteInsideQuotedIdentifier() {
		assertThat(cql("SELECT \"it's\" FROM t; SELECT 'say \"hi\"' FROM t;"))
			.containsExactly("SELECT \"it's\" FROM t", "SELECT 'say \"hi\"' FROM t");
	}

	@Test
	void dollarBodyIsKeptWhole() {
		String function = "CREATE FUNCTION f(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$\n"
				+ "  int b = a; // doubled;\n  /* no comment */ return '-' + b * 2;\n$$";
		assertThat(cql(function + ";\nDROP TABLE x;")).containsExactly(function, "DROP TABLE x");
	}

	@Test
	void dollarBodyMayContainSingleDollarSigns() {
		String function = "CREATE FUNCTION f() CALLED ON NULL INPUT RETURNS text LANGUAGE java "
				+ "AS $$ return \"$1;$\"; $$";
		assertThat(cql(function)).containsExactly(function);
	}

	@Test
	void lineCommentsAreRemoved() {
		assertThat(cql("CREATE TABLE t ( -- the table; really\n  k int PRIMARY KEY // key;\n); // done;\n"
				+ "DROP TABLE t;"))
			.containsExactly("CREATE TABLE t (\n  k int PRIMARY KEY\n)", "DROP TABLE t");
	}

	@Test
	void blockCommentsAreRemoved() {
		assertThat(cql("CREATE TABLE t (/* one; */k int PRIMARY KEY);/* between; */DROP/**/TABLE t;"))
			.containsExactly("CREATE TABLE t ( k int PRIMARY KEY)", "DROP TABLE t");
	}

	@Test
	void multiLineBlockCommentInsideStatementKeepsLineBreaks() {
		CqlStatement statement = split("CREATE TABLE t (\n  k int, /* a\n b; */\n  v int, PRIMARY KEY (k))").get(0);
		assertThat(statement.cql()).isEqualTo("CREATE TABLE t (\n  k int,\n\n  v int, PRIMARY KEY (k))");
		assertThat(statement.cql().split("\n")).hasSize(4);
	}

	@Test
	void blockCommentsDoNotNest() {
		assertThat(cql("/* outer /* inner */ DROP TABLE t;")).containsExactly("DROP TABLE t");
	}

	@Test
	void commentAtEndOfStatementWithoutSemicolon() {
		assertThat(cql("DROP TABLE t -- gone")).containsExactly("DROP TABLE t");
	}

	@Test
	void trailingBlanksOutsideStringsAreRemovedFromLines() {
		assertThat(cql("CREATE TABLE t (   \n  k int PRIMARY KEY\t\n)"))
			.containsExactly("CREATE TABLE t (\n  k int PRIMARY KEY\n)");
	}

	@Test
	void singleDashAndSlashAreOrdinaryCharacters() {
		assertThat(cql("SELECT a - 1, b / 2 FROM t WHERE c = -3;"))
			.containsExactly("SELECT a - 1, b / 2 FROM t WHERE c = -3");
	}

	@Test
	void batchIsOneStatement() {
		String batch = "BEGIN BATCH\n  INSERT INTO t (k) VALUES (1);\n  INSERT INTO t (k) VALUES (2);\nAPPLY BATCH";
		assertThat(cql(batch + ";\nDROP TABLE t;")).containsExactly(batch, "DROP TABLE t");
	}

	@ParameterizedTest
	@ValueSource(strings = { "BEGIN UNLOGGED BATCH", "BEGIN COUNTER BATCH", "begin batch", "Begin Unlogged Batch",
			"BEGIN   \n COUNTER\tBATCH", "BEGIN /* x */ BATCH", "BEGIN -- x\nBATCH" })
	void batchKindsAndCase(String begin) {
		List<String> statements = cql(begin + " UPDATE c SET n = n + 1 WHERE k = 1; apply   BATCH ; DROP TABLE t");
		assertThat(statements).hasSize(2);
		assertThat(statements.get(0)).endsWith("UPDATE c SET n = n + 1 WHERE k = 1; apply   BATCH");
		assertThat(statements.get(1)).isEqualTo("DROP TABLE t");
	}

	@Test
	void batchWithTimestamp() {
		String batch = "BEGIN BATCH USING TIMESTAMP 42 INSERT INTO t (k) VALUES (1); APPLY BATCH";
		assertThat(cql(batch + ";")).containsExactly(batch);
	}

	@Test
	void batchAtEndOfScriptWithoutSemicolon() {
		String batch = "BEGIN BATCH INSERT INTO t (k) VALUES (1); APPLY BATCH";
		assertThat(cql(batch + " -- end")).containsExactly(batch);
	}

	@Test
	void commentBetweenApplyBatchAndSemicolon() {
		String batch = "BEGIN BATCH INSERT INTO t (k) VALUES (1); APPLY BATCH";
		assertThat(cql(batch + " /* done */ ; DROP TABLE t")).containsExactly(batch, "DROP TABLE t");
	}

	@Test
	void batchKeywordsInsideStringsAndCommentsDoNotCount() {
		String batch = "BEGIN BATCH\n  INSERT INTO t (k, v) VALUES (1, 'APPLY BATCH;');\n"
				+ "  INSERT INTO t (k, \"apply batch\") VALUES (2, 'x');\nAPPLY BATCH";
		assertThat(cql(batch + ";\nDROP TABLE t;")).containsExactly(batch, "DROP TABLE t");
		assertThat(cql("INSERT INTO t (k, v) VALUES (1, 'BEGIN BATCH'); -- BEGIN BATCH\nDROP TABLE t;"))
			.containsExactly("INSERT INTO t (k, v) VALUES (1, 'BEGIN BATCH')", "DROP TABLE t");
	}

	@Test
	void applyAndBatchMustBeAdjacentTokens() {
		String batch = "BEGIN BATCH INSERT INTO t (apply, batch) VALUES (1, 2); INSERT INTO apply.batch (k) VALUES (1);"
				+ " APPLY BATCH";
		assertThat(cql(batch + "; DROP TABLE t")).containsExactly(batch, "DROP TABLE t");
	}

	@Test
	void beginIsOnlyABatchAtTheStartOfAStatement() {
		assertThat(cql("INSERT INTO t (begin, batch) VALUES (1, 2); DROP TABLE t;"))
			.containsExactly("INSERT INTO t (begin, batch) VALUES (1, 2)", "DROP TABLE t");
		assertThat(cql("BEGIN; DROP TABLE t")).containsExactly("BEGIN", "DROP TABLE t");
		assertThat(cql("BEGIN LOGGED BATCH; DROP TABLE t")).containsExactly("BEGIN LOGGED BATCH", "DROP TABLE t");
		assertThat(cql("BEGIN TRANSACTION X; DROP TABLE t")).containsExactly("BEGIN TRANSACTION X", "DROP TABLE t");
	}

	@Test
	void twoBatchesInARow() {
		assertThat(cql("BEGIN BATCH INSERT INTO t (k) VALUES (1); APPLY BATCH;\n"
				+ "BEGIN BATCH INSERT INTO t (k) VALUES (2); APPLY BATCH;"))
			.containsExactly("BEGIN BATCH INSERT INTO t (k) VALUES (1); APPLY BATCH",
					"BEGIN BATCH INSERT INTO t (k) VALUES (2); APPLY BATCH");
	}

	@Test
	void crlfLineEndingsAreNormalized() {
		List<CqlStatement> statements = split(
				"DROP TABLE a;\r\n\r\nCREATE TABLE b (\r\n  k int PRIMARY KEY\r\n);\rDROP TABLE c");
		assertThat(statements).extracting(CqlStatement::cql, CqlStatement::line, CqlStatement::column)
			.containsExactly(tuple("DROP TABLE a", 1, 1), tuple("CREATE TABLE b (\n  k int PRIMARY KEY\n)", 3, 1),
					tuple("DROP TABLE c", 6, 1));
	}

	@Test
	void leadingByteOrderMarkIsIgnored() {
		assertThat(split("\uFEFFDROP TABLE a;")).extracting(CqlStatement::cql, CqlStatement::line, CqlStatement::column)
			.containsExactly(tuple("DROP TABLE a", 1, 1));
	}

	@Test
	void placeholdersAreLeftForLater() {
		assertThat(cql("CREATE KEYSPACE ${keyspace} WITH replication = ${replication};"))
			.containsExactly("CREATE KEYSPACE ${keyspace} WITH replication = ${replication}");
	}

	@Test
	void unicodeIsKept() {
		assertThat(cql("INSERT INTO t (k, v) VALUES (1, 'Grüße; 日本 😀'); DROP TABLE ü;"))
			.containsExactly("INSERT INTO t (k, v) VALUES (1, 'Grüße; 日本 😀')", "DROP TABLE ü");
	}

	@Test
	void unterminatedString() {
		assertThatExceptionOfType(MigrationScriptException.class)
			.isThrownBy(() -> split("DROP TABLE a;\nINSERT INTO t (k, v)\n  VALUES (1, 'it''s;\nbroken);\n"
					+ "DROP TABLE b;"))
			.satisfies((ex) -> assertThat(ex.getScript()).isEqualTo(SCRIPT))
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(3))
			.satisfies((ex) -> assertThat(ex.getColumn()).isEqualTo(14))
			.withMessage("V1__test.cql (line 3, column 14): unterminated string literal starting here; close it with "
					+ "a single quote (write '' for a quote inside a string)");
	}

	@Test
	void stringEndingInEscapedQuoteIsUnterminated() {
		assertThatExceptionOfType(MigrationScriptException.class).isThrownBy(() -> split("SELECT 'abc''"))
			.satisfies((ex) -> assertThat(ex.getColumn()).isEqualTo(8))
			.withMessageContaining("unterminated string literal");
	}

	@Test
	void unterminatedQuotedIdentifier() {
		assertThatExceptionOfType(MigrationScriptException.class)
			.isThrownBy(() -> split("-- x\n  CREATE TABLE \"Users (k int PRIMARY KEY);"))
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(2))
			.satisfies((ex) -> assertThat(ex.getColumn()).isEqualTo(16))
			.withMessageContaining("unterminated quoted identifier starting here")
			.withMessageContaining("close it with a double quote");
	}

	@Test
	void unterminatedDollarBody() {
		assertThatExceptionOfType(MigrationScriptException.class)
			.isThrownBy(() -> split(
					"CREATE FUNCTION f() CALLED ON NULL INPUT RETURNS int LANGUAGE java\nAS $$ return 1;\n"))
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(2))
			.satisfies((ex) -> assertThat(ex.getColumn()).isEqualTo(4))
			.withMessageContaining("unterminated $$ body starting here; close the function body with $$");
	}

	@Test
	void unterminatedBlockComment() {
		assertThatExceptionOfType(MigrationScriptException.class)
			.isThrownBy(() -> split("DROP TABLE a;\r\n  /* header\r\n DROP TABLE b;"))
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(2))
			.satisfies((ex) -> assertThat(ex.getColumn()).isEqualTo(3))
			.withMessageContaining("unterminated block comment starting here; close it with */");
	}

	@Test
	void unterminatedBlockCommentInsideStatement() {
		assertThatExceptionOfType(MigrationScriptException.class)
			.isThrownBy(() -> split("DROP TABLE a /* gone"))
			.satisfies((ex) -> assertThat(ex.getColumn()).isEqualTo(14));
	}

	@Test
	void errorPositionIgnoresByteOrderMark() {
		assertThatExceptionOfType(MigrationScriptException.class).isThrownBy(() -> split("\uFEFF'abc"))
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(1))
			.satisfies((ex) -> assertThat(ex.getColumn()).isEqualTo(1));
	}

	@Test
	void batchWithoutApplyBatch() {
		assertThatExceptionOfType(MigrationScriptException.class)
			.isThrownBy(() -> split("DROP TABLE a;\n\n  BEGIN BATCH\n  INSERT INTO t (k) VALUES (1);\n"
					+ "  INSERT INTO t (k) VALUES (2);\nDROP TABLE b;"))
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(3))
			.satisfies((ex) -> assertThat(ex.getColumn()).isEqualTo(3))
			.withMessage("V1__test.cql (line 3, column 3): batch without APPLY BATCH: the statements inside a batch "
					+ "end with ';' and the batch itself must end with APPLY BATCH;");
	}

	@Test
	void batchEndingInApplyOnly() {
		assertThatExceptionOfType(MigrationScriptException.class)
			.isThrownBy(() -> split("BEGIN BATCH INSERT INTO t (k) VALUES (1); APPLY;"))
			.withMessageContaining("batch without APPLY BATCH");
	}

	@Test
	void missingSemicolonAfterApplyBatch() {
		assertThatExceptionOfType(MigrationScriptException.class)
			.isThrownBy(() -> split("BEGIN BATCH INSERT INTO t (k) VALUES (1); APPLY BATCH\nDROP TABLE t;"))
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(2))
			.satisfies((ex) -> assertThat(ex.getColumn()).isEqualTo(1))
			.withMessageContaining(
					"missing ';' after APPLY BATCH: the batch that starts at line 1, column 1 ends there");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "CONSISTENCY QUORUM;|CONSISTENCY|migrations.consistency",
			"serial consistency LOCAL_SERIAL;|SERIAL CONSISTENCY|migrations.consistency.serial",
			"SOURCE 'schema.cql';|SOURCE|cannot include other files", "COPY ks.t (a, b) FROM 'data.csv';|COPY|CSV",
			"DESCRIBE KEYSPACES;|DESCRIBE|only prints schema", "DESC TABLE t;|DESC|only prints schema",
			"TRACING ON;|TRACING|display setting", "PAGING OFF|PAGING|display setting",
			"EXPAND ON;|EXPAND|display setting", "CAPTURE 'out.txt';|CAPTURE|display setting",
			"SHOW VERSION;|SHOW|display setting", "CLEAR;|CLEAR|display setting", "cls|CLS|display setting",
			"LOGIN admin 'secret';|LOGIN|spring.cassandra.username", "EXIT;|EXIT|ends at its end",
			"quit|QUIT|ends at its end" })
	void cqlshCommandsAreRefusedWithTheirPosition(String command, String name, String advice) {
		assertThatExceptionOfType(MigrationScriptException.class)
			.isThrownBy(() -> split("CREATE TABLE a (k int PRIMARY KEY);\n\n  " + command + "\nDROP TABLE a;"))
			.satisfies((ex) -> {
				assertThat(ex.getLine()).isEqualTo(3);
				assertThat(ex.getColumn()).isEqualTo(3);
			})
			.withMessageStartingWith(SCRIPT + " (line 3, column 3): '" + command + "' is the cqlsh command " + name
					+ ", not CQL: the server would reject it when the migration runs. ")
			.withMessageContaining(advice);
	}

	@Test
	void cqlshWordsAreFineInsideStatementsStringsAndComments() {
		assertThat(cql("-- CONSISTENCY QUORUM;\nCREATE TABLE copy (source text PRIMARY KEY, paging int, "
				+ "\"describe\" text);\nINSERT INTO copy (source) VALUES ('SOURCE x; COPY y');\n/* EXIT; */"))
			.containsExactly("CREATE TABLE copy (source text PRIMARY KEY, paging int, \"describe\" text)",
					"INSERT INTO copy (source) VALUES ('SOURCE x; COPY y')");
	}

	@Test
	void aLongCqlshLineIsAbbreviated() {
		assertThatExceptionOfType(MigrationScriptException.class)
			.isThrownBy(() -> split("COPY ks.events (id, a, b, c, d, e, f, g) FROM 'events.csv' WITH HEADER = true "
					+ "AND DELIMITER = ';';"))
			.withMessageStartingWith(SCRIPT + " (line 1, column 1): 'COPY ks.events (id, a, b, c, d, e, f, g) FROM "
					+ "'events.csv' W...' is the cqlsh command COPY, not CQL: the server would reject it when the "
					+ "migration runs. The driver cannot read or write CSV files; write INSERT statements, or load "
					+ "the data in a Java migration.");
	}

	@Test
	void realWorldSchema() throws IOException {
		List<CqlStatement> statements = CqlScriptSplitter.split("V1__shop_schema.cql", resource("V1__shop_schema.cql"));
		assertThat(statements).extracting(CqlStatement::line, CqlStatement::column)
			.containsExactly(tuple(7, 1), tuple(11, 1), tuple(13, 1), tuple(20, 1), tuple(30, 1), tuple(37, 1));
		assertThat(statements.get(0).cql()).isEqualTo("CREATE KEYSPACE IF NOT EXISTS shop\n"
				+ "    WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc2': 2}\n"
				+ "    AND durable_writes = true");
		assertThat(statements.get(1).cql()).isEqualTo("USE shop");
		assertThat(statements.get(2).cql())
			.isEqualTo("CREATE TYPE IF NOT EXISTS address (\n    street text,\n    city text,\n    zip text\n)");
		assertThat(statements.get(3).cql()).startsWith("CREATE TABLE IF NOT EXISTS customers (\n")
			.contains("    phones map<text, text>,\n    addresses map<text, frozen<address>>,\n")
			.contains("WITH comment = 'Customers; one row per customer. It''s the main table.'")
			.endsWith("AND gc_grace_seconds = 864000")
			.doesNotContain("label -> number");
		assertThat(statements.get(4).cql()).startsWith("CREATE TABLE IF NOT EXISTS \"OrderLines\" (")
			.endsWith("WITH CLUSTERING ORDER BY (\"Line;No\" ASC)");
		assertThat(statements.get(5).cql())
			.isEqualTo("CREATE INDEX IF NOT EXISTS customers_by_name ON customers (name)");
		assertThat(statements).extracting(CqlStatement::cql)
			.noneMatch((cql) -> cql.contains("--") || cql.contains("//") || cql.contains("/*"));
	}

	@Test
	void realWorldFunctionsAndBatches() throws IOException {
		List<CqlStatement> statements = CqlScriptSplitter.split("V2__functions_and_data.cql",
				resource("V2__functions_and_data.cql"));
		assertThat(statements).extracting(CqlStatement::line)
			.containsExactly(2, 12, 18, 23, 30, 34);
		assertThat(statements.get(0).cql()).startsWith("CREATE OR REPLACE FUNCTION shop.join_names")
			.contains("        // Java code: ';' and '--' here belong to the body.\n")
			.contains("return first + separator + last; /* not a CQL comment */\n")
			.endsWith("    $$");
		assertThat(statements.get(1).cql()).endsWith("AS 'return state + value;'");
		assertThat(statements.get(2).cql()).endsWith("INITCOND 0");
		assertThat(statements.get(3).cql()).startsWith("begin unlogged batch\n")
			.contains("VALUES (5b6962dd-3f90-4c93-8f61-eabfa4a803e2, 'O''Brien; Pat', ['vip']);\n")
			.contains("'begin batch'")
			.doesNotContain("a comment inside the batch")
			.endsWith("a803e2;\nApply Batch");
		assertThat(statements.get(4).cql()).isEqualTo("BEGIN BATCH USING TIMESTAMP 1700000000000000\n"
				+ "    INSERT INTO shop.\"OrderLines\" (order_id, \"Line;No\", sku) VALUES (now(), 1, 'A;1');\n"
				+ "APPLY BATCH");
		assertThat(statements.get(5).cql()).isEqualTo(
				"INSERT INTO shop.customers (id, name) VALUES (uuid(), '-- not a comment /* nor this */ // nor this')");
	}

	@Test
	void realWorldWindowsFileWithByteOrderMark() throws IOException {
		String content = resource("V3__windows_file.cql");
		assertThat(content).startsWith("\uFEFF").contains("\r\n");
		List<CqlStatement> statements = CqlScriptSplitter.split("V3__windows_file.cql", content);
		assertThat(statements).extracting(CqlStatement::cql, CqlStatement::line, CqlStatement::column)
			.containsExactly(
					tuple("CREATE TABLE IF NOT EXISTS audit (\n    id timeuuid PRIMARY KEY,\n    note text\n)", 2, 1),
					tuple("INSERT INTO audit (id, note) VALUES (now(), 'line one;\nline two')", 7, 1),
					tuple("DROP TABLE IF EXISTS old_audit", 9, 1));
	}

	@Test
	void sameStatementsWhateverTheLineEndings() throws IOException {
		String content = resource("V2__functions_and_data.cql");
		assertThat(split("\uFEFF" + content.replace("\n", "\r\n"))).isEqualTo(split(content));
	}

	private static String resource(String name) throws IOException {
		try (InputStream input = CqlScriptSplitterTest.class.getResourceAsStream("/scripts/" + name)) {
			assertThat(input).as(name).isNotNull();
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static List<CqlStatement> split(String content) {
		return CqlScriptSplitter.split(SCRIPT, content);
	}

	private static List<String> cql(String content) {
		return split(content).stream().map(CqlStatement::cql).toList();
	}

}
