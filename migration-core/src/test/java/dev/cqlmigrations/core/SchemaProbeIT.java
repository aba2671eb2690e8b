package dev.cqlmigrations.core;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SchemaProbe} against the real node's system_schema: before and after each kind of
 * schema change it knows, and "unknown" for the others.
 */
@EmbeddedCassandra
class SchemaProbeIT {

	@Test
	void everyKnownSchemaChangeIsSeenBeforeAndAfter(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "probe");
		SchemaProbe probe = new SchemaProbe(fixture.session);
		String ks = fixture.keyspace;
		String replication = " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}";
		// What the probe is asked (names as a script writes them), and what the test runs (qualified).
		String[][] changes = {
				{ "CREATE KEYSPACE IF NOT EXISTS " + ks + replication, "CREATE KEYSPACE " + ks + replication },
				{ "CREATE TABLE " + ks + ".t (id int PRIMARY KEY, a int, \"Odd\" text)", null },
				{ "ALTER TABLE t ADD b int", "ALTER TABLE " + ks + ".t ADD b int" },
				{ "ALTER TABLE " + ks + ".t ADD (c int, d frozen<map<text, int>>)", null },
				{ "ALTER TABLE t DROP a", "ALTER TABLE " + ks + ".t DROP a" },
				{ "ALTER TABLE t DROP (b, c)", "ALTER TABLE " + ks + ".t DROP (b, c)" },
				{ "ALTER TABLE t RENAME id TO pk", "ALTER TABLE " + ks + ".t RENAME id TO pk" },
				{ "CREATE TYPE IF NOT EXISTS address (street text)", "CREATE TYPE " + ks + ".address (street text)" },
				{ "CREATE INDEX t_odd ON t (\"Odd\")", "CREATE INDEX t_odd ON " + ks + ".t (\"Odd\")" },
				{ "DROP INDEX t_odd", "DROP INDEX " + ks + ".t_odd" }, { "DROP TYPE " + ks + ".address", null },
				{ "DROP TABLE IF EXISTS t", "DROP TABLE " + ks + ".t" }, { "DROP KEYSPACE " + ks, null } };
		for (String[] change : changes) {
			assertThat(probe.inEffect(change[0], ks)).as("before: " + change[0]).isFalse();
			fixture.session.execute((change[1] != null) ? change[1] : change[0]);
			assertThat(probe.inEffect(change[0], ks)).as("after: " + change[0]).isTrue();
		}
	}

	@Test
	void viewsAndChangesTheSchemaCannotShowAreAnsweredHonestly(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "probe_other");
		SchemaProbe probe = new SchemaProbe(fixture.session);
		String ks = fixture.keyspace;

		assertThat(probe.inEffect("CREATE MATERIALIZED VIEW v AS SELECT * FROM t WHERE id IS NOT NULL PRIMARY KEY (id)",
				ks)).isFalse();
		assertThat(probe.inEffect("DROP MATERIALIZED VIEW IF EXISTS " + ks + ".v", ks)).isTrue();
		assertThat(probe.inEffect("ALTER TABLE t WITH comment = 'x'", ks)).isNull();
		assertThat(probe.inEffect("CREATE OR REPLACE FUNCTION f (x int) RETURNS NULL ON NULL INPUT RETURNS int "
				+ "LANGUAGE java AS 'return x;'", ks)).isNull();
		assertThat(probe.inEffect("INSERT INTO t (id) VALUES (1)", ks)).isNull();
	}

	@Test
	void columnNamesAreTheFirstWordOfEachTopLevelItem() {
		assertThat(SchemaProbe.columnNames("email text")).containsExactly("email");
		assertThat(SchemaProbe.columnNames("(a int, \"B\" frozen<map<text, int>>, c tuple<int, text>)"))
			.containsExactly("a", "B", "c");
	}

}
