package dev.cqlmigrations.core;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Placeholders}.
 */
class PlaceholdersTest {

	private final Placeholders placeholders = new Placeholders(
			Map.of("keyspace", "shop", "replication", "{'class': 'SimpleStrategy', 'replication_factor': 1}"));

	@Test
	void replacesPlaceholders() {
		CqlStatement statement = new CqlStatement("CREATE KEYSPACE ${keyspace} WITH replication = ${replication}", 3,
				5);
		assertThat(this.placeholders.replace("V1__x.cql", statement)).isEqualTo(new CqlStatement(
				"CREATE KEYSPACE shop WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}", 3, 5));
	}

	@Test
	void replacesEveryOccurrence() {
		CqlStatement statement = new CqlStatement("CREATE TABLE ${keyspace}.a (k int PRIMARY KEY); -- ${keyspace}", 1,
				1);
		assertThat(this.placeholders.replace("V1__x.cql", statement).cql())
			.isEqualTo("CREATE TABLE shop.a (k int PRIMARY KEY); -- shop");
	}

	@Test
	void replacesInsideStringLiterals() {
		Placeholders dcs = new Placeholders(Map.of("dc", "eu-west", "rf", "3"));
		CqlStatement statement = new CqlStatement(
				"CREATE KEYSPACE k WITH replication = {'class': 'NetworkTopologyStrategy', '${dc}': ${rf}}", 1, 1);
		assertThat(dcs.replace("V1__x.cql", statement).cql())
			.isEqualTo("CREATE KEYSPACE k WITH replication = {'class': 'NetworkTopologyStrategy', 'eu-west': 3}");
	}

	@Test
	void statementWithoutPlaceholdersIsReturnedAsIs() {
		CqlStatement statement = new CqlStatement("SELECT '$' FROM t WHERE a = '{x}' AND b = '$ {y}'", 2, 1);
		assertThat(this.placeholders.replace("V1__x.cql", statement)).isSameAs(statement);
	}

	@Test
	void valuesAreInsertedLiterally() {
		Placeholders special = new Placeholders(Map.of("v", "$1 \\ ${keyspace}"));
		assertThat(special.replace("V1__x.cql", new CqlStatement("x ${v} y", 1, 1)).cql())
			.isEqualTo("x $1 \\ ${keyspace} y");
	}

	@Test
	void doubleDollarIsNotAnEscape() {
		assertThat(this.placeholders.replace("V1__x.cql", new CqlStatement("a $${keyspace} b", 1, 1)).cql())
			.isEqualTo("a $shop b");
	}

	@Test
	void blanksAroundNameAreIgnored() {
		assertThat(this.placeholders.replace("V1__x.cql", new CqlStatement("USE ${ keyspace }", 1, 1)).cql())
			.isEqualTo("USE shop");
	}

	@Test
	void emptyValue() {
		Placeholders empty = new Placeholders(Map.of("suffix", ""));
		assertThat(empty.replace("V1__x.cql", new CqlStatement("DROP TABLE t${suffix}", 1, 1)).cql())
			.isEqualTo("DROP TABLE t");
	}

	@Test
	void nullValueIsEmpty() {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("suffix", null);
		assertThat(new Placeholders(values).replace("V1__x.cql", new CqlStatement("DROP TABLE t${suffix}", 1, 1)).cql())
			.isEqualTo("DROP TABLE t");
	}

	@Test
	void names() {
		assertThat(this.placeholders.names()).containsExactlyInAnyOrder("keyspace", "replication");
		assertThat(new Placeholders(null).names()).isEmpty();
	}

	@Test
	void namesCannotBeChanged() {
		Map<String, String> values = new LinkedHashMap<>(Map.of("a", "1"));
		Placeholders copy = new Placeholders(values);
		values.put("b", "2");
		assertThat(copy.names()).containsExactly("a");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> copy.names().add("c"));
	}

	@Test
	void unknownPlaceholderOnFirstLine() {
		CqlStatement statement = new CqlStatement("CREATE TABLE ${keyspace}.t${suffix} (k int PRIMARY KEY)", 4, 3);
		assertThatExceptionOfType(MigrationScriptException.class)
			.isThrownBy(() -> this.placeholders.replace("V2__tables.cql", statement))
			.satisfies((ex) -> assertThat(ex.getScript()).isEqualTo("V2__tables.cql"))
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(4))
			.satisfies((ex) -> assertThat(ex.getColumn()).isEqualTo(3 + 26))
			.withMessage("V2__tables.cql (line 4, column 29): unknown placeholder ${suffix}; define "
					+ "migrations.placeholders.suffix (e.g. in application.yml) or remove it from the script "
					+ "(defined: keyspace, replication)");
	}

	@Test
	void unknownPlaceholderOnLaterLine() {
		CqlStatement statement = new CqlStatement("CREATE TABLE t (\n  k int PRIMARY KEY\n) WITH comment = '${owner}'",
				10, 1);
		assertThatExceptionOfType(MigrationScriptException.class)
			.isThrownBy(() -> this.placeholders.replace("V2__tables.cql", statement))
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(12))
			.satisfies((ex) -> assertThat(ex.getColumn()).isEqualTo(19))
			.withMessageContaining("${owner}")
			.withMessageContaining("migrations.placeholders.owner");
	}

	@Test
	void unknownPlaceholderWhenNoneIsDefined() {
		assertThatExceptionOfType(MigrationScriptException.class)
			.isThrownBy(() -> new Placeholders(Map.of()).replace("V1__x.cql", new CqlStatement("USE ${ks}", 1, 1)))
			.withMessageEndingWith("(none is defined)");
	}

	@Test
	void emptyPlaceholder() {
		assertThatExceptionOfType(MigrationScriptException.class)
			.isThrownBy(() -> this.placeholders.replace("V1__x.cql", new CqlStatement("USE ${}", 1, 1)))
			.withMessageContaining("empty placeholder ${}");
	}

}
