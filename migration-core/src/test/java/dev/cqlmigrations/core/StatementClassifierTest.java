package dev.cqlmigrations.core;

import java.util.List;

import dev.cqlmigrations.core.StatementClassifier.Classified;
import dev.cqlmigrations.core.StatementClassifier.Kind;
import dev.cqlmigrations.core.StatementClassifier.TableName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatementClassifierTest {

	@Test
	void recognizesKeyspaceStatementsInAnySpelling() {
		assertThat(StatementClassifier.classify("create keyspace if not exists Shop with replication = {}"))
			.isEqualTo(new Classified(Kind.CREATE_KEYSPACE, "shop", null, List.of()));
		assertThat(StatementClassifier.classify("DROP KEYSPACE IF EXISTS \"Shop\""))
			.isEqualTo(new Classified(Kind.DROP_KEYSPACE, "Shop", null, List.of()));
		assertThat(StatementClassifier.classify("USE \"My\"\"Space\""))
			.isEqualTo(new Classified(Kind.USE, "My\"Space", null, List.of()));
	}

	@Test
	void skipsLeadingCommentsAndLineBreaks() {
		assertThat(StatementClassifier.classify("-- the keyspace\n/* first */ CREATE\n  KEYSPACE  shop WITH x = 1"))
			.isEqualTo(new Classified(Kind.CREATE_KEYSPACE, "shop", null, List.of()));
	}

	@Test
	void givesTheQualifierAndNameOfSchemaObjects() {
		assertThat(StatementClassifier.classify("CREATE TABLE IF NOT EXISTS Shop.Orders (id int PRIMARY KEY)"))
			.isEqualTo(new Classified(Kind.CREATE_TABLE, "shop", "orders", List.of()));
		assertThat(StatementClassifier.classify("drop columnfamily orders"))
			.isEqualTo(new Classified(Kind.DROP_TABLE, null, "orders", List.of()));
		assertThat(StatementClassifier.classify("CREATE TYPE shop . address (street text)"))
			.isEqualTo(new Classified(Kind.CREATE_TYPE, "shop", "address", List.of()));
		assertThat(StatementClassifier.classify("DROP TYPE IF EXISTS address"))
			.isEqualTo(new Classified(Kind.DROP_TYPE, null, "address", List.of()));
		assertThat(StatementClassifier.classify("CREATE MATERIALIZED VIEW shop.by_email AS SELECT * FROM users"))
			.isEqualTo(new Classified(Kind.CREATE_VIEW, "shop", "by_email", List.of()));
		assertThat(StatementClassifier.classify("DROP MATERIALIZED VIEW by_email"))
			.isEqualTo(new Classified(Kind.DROP_VIEW, null, "by_email", List.of()));
		assertThat(StatementClassifier.classify("DROP INDEX shop.users_email"))
			.isEqualTo(new Classified(Kind.DROP_INDEX, "shop", "users_email", List.of()));
	}

	@Test
	void aCreatedIndexBelongsToTheKeyspaceOfItsTable() {
		Classified index = StatementClassifier.classify("CREATE CUSTOM INDEX Users_Email ON other.users (email)");
		assertThat(index).isEqualTo(new Classified(Kind.CREATE_INDEX, "other", "users_email", List.of()));
		assertThat(index.keyspaceOr("shop")).isEqualTo("other");
		assertThat(StatementClassifier.classify("CREATE INDEX users_email ON users (email)").keyspaceOr("shop"))
			.isEqualTo("shop");
	}

	@Test
	void listsTheColumnsAnAlterTableAddsDropsOrRenames() {
		assertThat(StatementClassifier.classify("ALTER TABLE users ADD (a int, \"B\" frozen<map<text, int>>)"))
			.isEqualTo(new Classified(Kind.ADD_COLUMNS, null, "users", List.of("a", "B")));
		assertThat(StatementClassifier.classify("ALTER TABLE shop.users ADD IF NOT EXISTS Email text"))
			.isEqualTo(new Classified(Kind.ADD_COLUMNS, "shop", "users", List.of("email")));
		assertThat(StatementClassifier.classify("ALTER TABLE users DROP email USING TIMESTAMP 42"))
			.isEqualTo(new Classified(Kind.DROP_COLUMNS, null, "users", List.of("email")));
		assertThat(StatementClassifier.classify("ALTER TABLE users RENAME id TO user_id"))
			.isEqualTo(new Classified(Kind.RENAME_COLUMN, null, "users", List.of("id", "user_id")));
	}

	@Test
	void anyOtherStatementIsOther() {
		for (String cql : List.of("INSERT INTO users (id) VALUES (1)", "CREATE ROLE app", "ALTER TABLE users WITH "
				+ "comment = 'x'", "USE shop extra", "")) {
			assertThat(StatementClassifier.classify(cql).kind()).as(cql).isEqualTo(Kind.OTHER);
		}
		assertThat(StatementClassifier.classify(" select * from migration_history").kind()).isEqualTo(Kind.SELECT);
	}

	@Test
	void findsEveryTableAStatementWritesTo() {
		assertThat(StatementClassifier.writtenTables("BEGIN BATCH INSERT INTO shop.\"History\" (a) VALUES (1); "
				+ "UPDATE lock SET a = 1 WHERE k = 1; DELETE FROM Orders WHERE k = 1; APPLY BATCH"))
			.containsExactly(new TableName("shop", "History"), new TableName(null, "lock"),
					new TableName(null, "orders"));
		assertThat(StatementClassifier.writtenTables("TRUNCATE TABLE t")).containsExactly(new TableName(null, "t"));
		assertThat(StatementClassifier.writtenTables("ALTER TABLE IF EXISTS ks.t ADD c int"))
			.containsExactly(new TableName("ks", "t"));
		assertThat(StatementClassifier.writtenTables("CREATE TABLE t (id int PRIMARY KEY)")).isEmpty();
		assertThat(new TableName(null, "t").keyspaceOr("shop")).isEqualTo("shop");
	}

	@Test
	void namesAreLowerCaseUnlessQuoted() {
		assertThat(StatementClassifier.name("Users")).isEqualTo("users");
		assertThat(StatementClassifier.name("\"Users\"\"x\"")).isEqualTo("Users\"x");
	}

}
