package dev.cqlmigrations.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Script sets shaped like real projects' schemas ({@code src/test/resources/db/realworld}: licence
 * headers, comment-only placeholder scripts, {@code USE}, UDF bodies holding {@code ;} and
 * {@code //}, materialized views, SAI and vector indexes, a BOM and CRLF) go through
 * {@code validate}, {@code up} and {@code up} again on the shared node; and a changed placeholder
 * value after a failed run is reported as such.
 */
@EmbeddedCassandra
class RealWorldScriptSetsIT {

	@Test
	void repairServiceWithCommentOnlyScripts(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = validateUpUp(node, dir, "repair-service", 5);
		assertThat(fixture.history()).containsExactly("1:APPLIED:4", "2:APPLIED:0", "3:APPLIED:3", "4:APPLIED:0",
				"5:APPLIED:2");
		assertThat(fixture.columns("repair_run")).contains("intensity", "repair_parallelism");
		assertThat(fixture.session.execute("SELECT properties FROM " + fixture.keyspace + ".cluster WHERE name = 'test'")
			.one()
			.getString(0)).isEqualTo("{\"jmxPort\": 7199; \"x\": \"--\"}");
	}

	@Test
	void videoCatalogWithUseViewsAndIndexes(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = validateUpUp(node, dir, "video-catalog", 4);
		assertThat(fixture.history()).containsExactly("1:APPLIED:5", "2:APPLIED:5", "3:APPLIED:4", "4:APPLIED:0");
		assertThat(fixture.session.execute("SELECT view_name FROM system_schema.views WHERE keyspace_name = ?",
				fixture.keyspace)
			.all()).extracting((row) -> row.getString(0)).containsExactlyInAnyOrder("user_videos", "latest_videos");
		assertThat(fixture.session.execute("SELECT index_name FROM system_schema.indexes WHERE keyspace_name = ?",
				fixture.keyspace)
			.all()).extracting((row) -> row.getString(0))
			.containsExactlyInAnyOrder("videos_name_idx", "users_email_idx", "videos_features_idx");
		assertThat(fixture.session.execute("SELECT name FROM " + fixture.keyspace + ".user_videos").one().getString(0))
			.isEqualTo("Intro; part 1");
		assertThat(fixture.session.execute("SELECT name FROM " + fixture.keyspace + ".videos WHERE name = 'INTRO; PART 1'")
			.one()).as("case-insensitive SAI index").isNotNull();
	}

	@Test
	void metricsWithFunctionBodiesAndABatch(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = validateUpUp(node, dir, "metrics-functions", 3);
		assertThat(fixture.history()).containsExactly("1:APPLIED:3", "2:APPLIED:3", "2.1:APPLIED:0");
		String table = fixture.keyspace + ".\"Metrics\" WHERE \"Source;Id\" = 'a;1'";
		assertThat(fixture.session.execute("SELECT " + fixture.keyspace + ".percent(value, total) FROM " + table)
			.all()).extracting((row) -> row.getDouble(0)).containsExactly(70.0, 50.0);
		assertThat(fixture.session.execute("SELECT " + fixture.keyspace + ".max_of(value) FROM " + table)
			.one()
			.getLong(0)).isEqualTo(7L);
	}

	@Test
	void aCommentOnlyMigrationRollsBackAndAppliesAgain(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "blank");
		fixture.write("V1__blank.cql", "-- Intentionally blank\n").write("U1__blank.cql", "/* nothing to undo */");
		assertThat(fixture.engine().migrate().migrations()).singleElement()
			.satisfies((item) -> assertThat(item.statements()).isEmpty());
		assertThat(fixture.engine().status().migrations()).singleElement()
			.satisfies((info) -> assertThat(info.state()).isEqualTo(MigrationState.APPLIED));
		fixture.engine().rollback(new RollbackRequest(1, null, false));
		assertThat(fixture.history()).containsExactly("1:ROLLED_BACK:0");
		fixture.engine().migrate();
		assertThat(fixture.history()).containsExactly("1:APPLIED:0");
	}

	@Test
	void aPlaceholderChangedAfterAFailedRunIsReportedAsSuch(CassandraNode node, @TempDir Path dir) {
		EngineFixture fixture = new EngineFixture(node, dir, "phchange");
		fixture.write("V1__tables.cql", "CREATE TABLE ${table} (id int PRIMARY KEY);\n"
				+ "CREATE TABLE ${table}_log (id int PRIMARY KEY);\nCREATE TABLE broken (id int PRIMARY KEY, x nosuchtype);");
		MigrationEngine first = new MigrationEngine(fixture.session,
				fixture.settings().placeholders(Map.of("table", "ph_a")).build());
		assertThatExceptionOfType(MigrationExecutionException.class).isThrownBy(first::migrate)
			.withMessageContaining("failed at statement 3 of 3");

		MigrationEngine changed = new MigrationEngine(fixture.session,
				fixture.settings().placeholders(Map.of("table", "ph_b")).build());
		assertThatExceptionOfType(MigrationValidationException.class).isThrownBy(changed::validate)
			.withMessageContaining("V1 (V1__tables.cql) stopped after statements 1-2 of 3 in an earlier run; the script "
					+ "is unchanged, but a placeholder value changed since that run: ${table} was 'ph_a' in that run "
					+ "and is 'ph_b' now.")
			.withMessageContaining("now reads: CREATE TABLE ph_b (id int PRIMARY KEY)")
			.withMessageContaining("set migrations.placeholders.table back to 'ph_a' and run again: it continues at "
					+ "statement 3")
			.withMessageNotContaining("the statements before that point changed since");

		// Back to the value of the failed run, with the broken statement fixed: it resumes.
		fixture.write("V1__tables.cql", "CREATE TABLE ${table} (id int PRIMARY KEY);\n"
				+ "CREATE TABLE ${table}_log (id int PRIMARY KEY);\nCREATE TABLE broken (id int PRIMARY KEY, x text);");
		assertThatExceptionOfType(MigrationValidationException.class).isThrownBy(changed::validate)
			.withMessageContaining("the statements before that point changed since");
		assertThat(first.migrate().migrations()).singleElement()
			.satisfies((item) -> assertThat(item.statements()).hasSize(1));
		assertThat(fixture.history()).containsExactly("1:APPLIED:3");
	}

	private static EngineFixture validateUpUp(CassandraNode node, Path dir, String set, int migrations) {
		EngineFixture fixture = new EngineFixture(node, dir, set.replace("-", ""));
		MigrationEngine engine = new MigrationEngine(fixture.session,
				fixture.settings()
					.locations(List.of("classpath:db/realworld/" + set))
					.placeholders(Map.of("keyspace", fixture.keyspace))
					.build());
		StatusReport valid = engine.validate();
		assertThat(valid.problems()).isEmpty();
		assertThat(valid.migrations()).hasSize(migrations)
			.allSatisfy((info) -> assertThat(info.state()).isEqualTo(MigrationState.PENDING));

		MigrationRunResult up = engine.migrate();
		assertThat(up.migrations()).hasSize(migrations);
		assertThat(up.versionBefore()).isNull();

		MigrationRunResult again = engine.migrate();
		assertThat(again.migrations()).isEmpty();
		assertThat(again.versionAfter()).isEqualTo(up.versionAfter());
		assertThat(engine.validate().migrations()).hasSize(migrations)
			.allSatisfy((info) -> assertThat(info.state()).isEqualTo(MigrationState.APPLIED));
		return fixture;
	}

}
