package dev.cqlmigrations.core;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link MigrationLoader}.
 */
class MigrationLoaderTest {

	@TempDir
	Path temp;

	private final MigrationLoader loader = new MigrationLoader(new ScriptScanner(getClass().getClassLoader()),
			new Placeholders(Map.of("keyspace", "shop")));

	@Test
	void upAndUndoScripts() throws IOException {
		String up = "-- users\r\nCREATE TABLE ${keyspace}.users (id uuid PRIMARY KEY);\r\n"
				+ "CREATE INDEX ON ${keyspace}.users (id);";
		String undo = "DROP TABLE ${keyspace}.users;";
		write("V1__create_users.cql", up);
		write("U1__drop_users.cql", undo);
		List<ResolvedMigration> migrations = load();
		assertThat(migrations).hasSize(1);
		ResolvedMigration migration = migrations.get(0);
		assertThat(migration.version()).isEqualTo(MigrationVersion.parse("1"));
		assertThat(migration.description()).isEqualTo("create users");
		assertThat(migration.type()).isEqualTo(MigrationType.CQL);
		assertThat(migration.script()).isEqualTo("V1__create_users.cql");
		assertThat(migration.checksum()).isEqualTo(Checksums.crc32(up));
		assertThat(migration.statements()).containsExactly(
				new CqlStatement("CREATE TABLE shop.users (id uuid PRIMARY KEY)", 2, 1),
				new CqlStatement("CREATE INDEX ON shop.users (id)", 3, 1));
		assertThat(migration.undoScript()).isEqualTo("U1__drop_users.cql");
		assertThat(migration.undoChecksum()).isEqualTo(Checksums.crc32(undo));
		assertThat(migration.undoStatements()).containsExactly(new CqlStatement("DROP TABLE shop.users", 1, 1));
		assertThat(migration.javaMigration()).isNull();
		assertThat(migration.canUndo()).isTrue();
		assertThat(migration.upStepCount()).isEqualTo(2);
	}

	@Test
	void upScriptWithoutUndo() throws IOException {
		write("V1__x.cql", "DROP TABLE a;");
		ResolvedMigration migration = load().get(0);
		assertThat(migration.undoScript()).isNull();
		assertThat(migration.undoChecksum()).isNull();
		assertThat(migration.undoStatements()).isEmpty();
		assertThat(migration.canUndo()).isFalse();
	}

	@Test
	void sortedNumerically() throws IOException {
		for (String name : List.of("V10__j.cql", "V2__b.cql", "V1.2__d.cql", "V1__a.cql", "V20261123120000__t.cql",
				"V1.1__c.cql", "V1_10__e.cql", "V9__i.cql")) {
			write(name, "DROP TABLE x;");
		}
		assertThat(load()).extracting((migration) -> migration.version().toString())
			.containsExactly("1", "1.1", "1.2", "1.10", "2", "9", "10", "20261123120000");
	}

	@Test
	void scriptsInSeveralLocations() throws IOException {
		write("V2__second.cql", "DROP TABLE b;");
		Path other = Files.createDirectories(this.temp.resolve("other"));
		Files.writeString(other.resolve("V1__first.cql"), "DROP TABLE a;");
		Files.writeString(other.resolve("U2__undo_second.cql"), "CREATE TABLE b (k int PRIMARY KEY);");
		List<ResolvedMigration> migrations = this.loader.load(
				List.of("filesystem:" + this.temp.resolve("db"), "filesystem:" + other), List.of());
		assertThat(migrations).extracting(ResolvedMigration::script, ResolvedMigration::undoScript)
			.containsExactly(tuple("V1__first.cql", null), tuple("V2__second.cql", "U2__undo_second.cql"));
	}

	@Test
	void classpathLocation() {
		assertThat(this.loader.load(List.of("classpath:scanner/db"), null)).extracting(ResolvedMigration::script)
			.containsExactly("V1__a.cql", "V2__b.cql");
	}

	@Test
	void noLocationsAndNoJavaMigrations() {
		assertThat(this.loader.load(List.of(), List.of())).isEmpty();
	}

	@Test
	void javaMigrations() throws IOException {
		write("V1__a.cql", "DROP TABLE a;");
		write("V3__c.cql", "DROP TABLE c;");
		Backfill backfill = new Backfill("2", "backfill users", 42);
		List<ResolvedMigration> migrations = this.loader.load(List.of(location()),
				List.of(new Reindex("1.5", "reindex"), backfill));
		assertThat(migrations).extracting((migration) -> migration.version().toString(), ResolvedMigration::type)
			.containsExactly(tuple("1", MigrationType.CQL), tuple("1.5", MigrationType.JAVA),
					tuple("2", MigrationType.JAVA), tuple("3", MigrationType.CQL));
		ResolvedMigration java = migrations.get(2);
		assertThat(java.description()).isEqualTo("backfill users");
		assertThat(java.script()).isEqualTo(Backfill.class.getName());
		assertThat(java.checksum()).isEqualTo(42);
		assertThat(java.statements()).isEmpty();
		assertThat(java.undoScript()).isNull();
		assertThat(java.undoChecksum()).isNull();
		assertThat(java.undoStatements()).isEmpty();
		assertThat(java.javaMigration()).isSameAs(backfill);
		assertThat(java.upStepCount()).isEqualTo(1);
		assertThat(migrations.get(1).checksum()).isNull();
	}

	@Test
	void malformedName() throws IOException {
		write("V1__ok.cql", "DROP TABLE a;");
		write("V2_missing_underscore.cql", "DROP TABLE b;");
		assertThatExceptionOfType(MigrationLoadException.class).isThrownBy(this::load)
			.withMessage("File 'V2_missing_underscore.cql' (" + location()
					+ "/V2_missing_underscore.cql) is not a valid migration name: expected "
					+ "V<version>__<description>.cql (up) or U<version>__<description>.cql (undo), "
					+ "e.g. V3__create_users.cql");
	}

	@Test
	void twoUpScriptsForOneVersion() throws IOException {
		write("V1__a.cql", "DROP TABLE a;");
		write("V001__b.cql", "DROP TABLE b;");
		assertThatExceptionOfType(MigrationLoadException.class).isThrownBy(this::load)
			.withMessage("Two up scripts for version 1: " + location() + "/V001__b.cql and " + location()
					+ "/V1__a.cql. Versions are compared as numbers (1, 1.0 and 001 are the same version); renumber "
					+ "or remove one of them.");
	}

	@Test
	void sameVersionWrittenDifferentlyAcrossLocations() throws IOException {
		write("V2__a.cql", "DROP TABLE a;");
		Path other = Files.createDirectories(this.temp.resolve("other"));
		Files.writeString(other.resolve("V002.0__b.cql"), "DROP TABLE b;");
		assertThatExceptionOfType(MigrationLoadException.class)
			.isThrownBy(() -> this.loader.load(List.of(location(), "filesystem:" + other), List.of()))
			.withMessageStartingWith("Two up scripts for version 2: ")
			.withMessageContaining(location() + "/V2__a.cql")
			.withMessageContaining("filesystem:" + other + "/V002.0__b.cql");
	}

	@Test
	void sameScriptInTwoClasspathDirectories() throws IOException {
		Path main = this.temp.resolve("classes");
		Path test = this.temp.resolve("test-classes");
		for (Path root : List.of(main, test)) {
			Files.createDirectories(root.resolve("db/cassandra"));
			Files.writeString(root.resolve("db/cassandra/V1__init.cql"), "DROP TABLE a;");
		}
		try (URLClassLoader classLoader = new URLClassLoader(new URL[] { main.toUri().toURL(), test.toUri().toURL() },
				null)) {
			MigrationLoader classpathLoader = new MigrationLoader(new ScriptScanner(classLoader),
					new Placeholders(null));
			assertThatExceptionOfType(MigrationLoadException.class)
				.isThrownBy(() -> classpathLoader.load(List.of("classpath:db/cassandra"), List.of()))
				.withMessageStartingWith("Two up scripts for version 1: classpath:db/cassandra/V1__init.cql (in " + main
						+ ") and classpath:db/cassandra/V1__init.cql (in " + test + ").");
		}
	}

	@Test
	void twoUndoScriptsForOneVersion() throws IOException {
		write("V1__a.cql", "CREATE TABLE a (k int PRIMARY KEY);");
		write("U1__a.cql", "DROP TABLE a;");
		write("U1.0__drop_a.cql", "DROP TABLE a;");
		assertThatExceptionOfType(MigrationLoadException.class).isThrownBy(this::load)
			.withMessageStartingWith("Two undo scripts for version 1: " + location() + "/U1.0__drop_a.cql and "
					+ location() + "/U1__a.cql.");
	}

	@Test
	void undoScriptWithoutUpScript() throws IOException {
		write("V1__a.cql", "CREATE TABLE a (k int PRIMARY KEY);");
		write("U2__drop_b.cql", "DROP TABLE b;");
		assertThatExceptionOfType(MigrationLoadException.class).isThrownBy(this::load)
			.withMessage("Undo script " + location() + "/U2__drop_b.cql has no up script: expected "
					+ "V2__<description>.cql in the migration locations. Add the up script or remove the undo script.");
	}

	@Test
	void undoScriptForJavaMigration() throws IOException {
		write("U2__drop_b.cql", "DROP TABLE b;");
		assertThatExceptionOfType(MigrationLoadException.class)
			.isThrownBy(() -> this.loader.load(List.of(location()), List.of(new Reindex("2", "reindex"))))
			.withMessage("Undo script " + location() + "/U2__drop_b.cql belongs to version 2, which is the Java "
					+ "migration " + Reindex.class.getName() + "; a Java migration is undone by its down method. "
					+ "Remove the undo script.");
	}

	@Test
	void aScriptHoldingOnlyCommentsIsAMigrationWithoutStatements() throws IOException {
		write("V1__placeholder.cql", "/*\n * Licensed under the Apache License, Version 2.0\n */\n"
				+ "-- Intentionally blank: placeholder for migration 1, kept for the numbering.\n;\n");
		write("U1__placeholder.cql", "// nothing to undo\n");
		ResolvedMigration migration = load().get(0);
		assertThat(migration.statements()).isEmpty();
		assertThat(migration.upStepCount()).isZero();
		assertThat(migration.undoStatements()).isEmpty();
		assertThat(migration.canUndo()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "  \n\t\r\n", "\uFEFF\n" })
	void anEmptyUpScriptIsRefused(String content) throws IOException {
		write("V1__empty.cql", content);
		assertThatExceptionOfType(MigrationLoadException.class).isThrownBy(this::load)
			.withMessage("Empty script " + location() + "/V1__empty.cql: the file holds nothing, or only whitespace; "
					+ "add at least one statement (or a comment saying why it is intentionally blank) or delete the "
					+ "file.");
	}

	@Test
	void emptyUndoScript() throws IOException {
		write("V1__a.cql", "CREATE TABLE a (k int PRIMARY KEY);");
		write("U1__a.cql", "");
		assertThatExceptionOfType(MigrationLoadException.class).isThrownBy(this::load)
			.withMessage("Empty script " + location() + "/U1__a.cql: the file holds nothing, or only whitespace; "
					+ "add the statements that undo version 1, or delete the file if it cannot be undone.");
	}

	@Test
	void anUneditedTemplateOfMigrateCreateIsRefused() throws IOException {
		write("V1__a.cql",
				"-- V1: a\n-- " + MigrationLoader.TEMPLATE_MARKER + ": refused while it holds no statement.\n");
		assertThatExceptionOfType(MigrationLoadException.class).isThrownBy(this::load)
			.withMessageStartingWith("Script " + location() + "/V1__a.cql is still the template of 'migrate create', "
					+ "without a statement; add at least one statement")
			.withMessageEndingWith("For a migration that is meant to do nothing, replace the template's comments with "
					+ "your own.");
	}

	@Test
	void aTemplateWithStatementsIsAnOrdinaryScript() throws IOException {
		write("V1__a.cql", "-- " + MigrationLoader.TEMPLATE_MARKER + ": refused while it holds no statement.\n"
				+ "DROP TABLE a;");
		assertThat(load().get(0).statements()).extracting(CqlStatement::cql).containsExactly("DROP TABLE a");
	}

	@Test
	void placeholderValuesAreKeptPerStatement() throws IOException {
		write("V1__a.cql",
				"CREATE KEYSPACE ${keyspace} WITH replication = {};\nDROP TABLE a;\nDROP TABLE ${ keyspace }.b;");
		ResolvedMigration migration = load().get(0);
		assertThat(migration.statementPlaceholders()).containsExactly(Map.of("keyspace", "shop"), Map.of(),
				Map.of("keyspace", "shop"));
		assertThat(migration.placeholdersOf(2)).containsExactly(Map.entry("keyspace", "shop"));
		assertThat(migration.placeholdersOf(0)).isEmpty();
	}

	@Test
	void aCqlshCommandIsRefusedWhileLoading() throws IOException {
		write("V1__a.cql", "-- run with cqlsh -f\nCONSISTENCY QUORUM;\nCREATE TABLE a (k int PRIMARY KEY);");
		assertThatExceptionOfType(MigrationScriptException.class).isThrownBy(this::load)
			.withMessageStartingWith(location() + "/V1__a.cql (line 2, column 1): 'CONSISTENCY QUORUM;' is the cqlsh "
					+ "command CONSISTENCY, not CQL");
	}

	@Test
	void scriptThatCannotBeSplit() throws IOException {
		write("V1__a.cql", "DROP TABLE a;\nINSERT INTO t (k) VALUES ('oops);");
		assertThatExceptionOfType(MigrationScriptException.class).isThrownBy(this::load)
			.withMessageStartingWith(location() + "/V1__a.cql (line 2, column 27): unterminated string literal");
	}

	@Test
	void unknownPlaceholder() throws IOException {
		write("V1__a.cql", "DROP TABLE a;\n\nDROP TABLE ${prefix}_b;");
		assertThatExceptionOfType(MigrationScriptException.class).isThrownBy(this::load)
			.withMessageStartingWith(location() + "/V1__a.cql (line 3, column 12): unknown placeholder ${prefix}; "
					+ "define migrations.placeholders.prefix");
	}

	@Test
	void unknownPlaceholderInUndoScript() throws IOException {
		write("V1__a.cql", "CREATE TABLE a (k int PRIMARY KEY);");
		write("U1__a.cql", "DROP TABLE ${ks}.a;");
		assertThatExceptionOfType(MigrationScriptException.class).isThrownBy(this::load)
			.withMessageStartingWith(location() + "/U1__a.cql (line 1, column 12): unknown placeholder ${ks}");
	}

	@Test
	void placeholdersInCommentsOutsideStatementsAreIgnored() throws IOException {
		write("V1__a.cql", "-- uses ${undefined}\nDROP TABLE a; /* ${also_undefined} */");
		assertThat(load().get(0).statements()).containsExactly(new CqlStatement("DROP TABLE a", 2, 1));
	}

	@Test
	void javaMigrationWithInvalidVersion() {
		assertThatExceptionOfType(MigrationLoadException.class)
			.isThrownBy(() -> this.loader.load(List.of(), List.of(new Reindex("1.x", "reindex"))))
			.withMessage("Java migration " + Reindex.class.getName() + " has an invalid version: '1.x' is not a "
					+ "version: use dotted numbers such as 1, 1.2 or 20261123120000.");
	}

	@Test
	void javaMigrationWithoutVersion() {
		assertThatExceptionOfType(MigrationLoadException.class)
			.isThrownBy(() -> this.loader.load(List.of(), List.of(new Reindex(null, "reindex"))))
			.withMessageStartingWith("Java migration " + Reindex.class.getName() + " has an invalid version: 'null'");
	}

	@Test
	void javaMigrationWithBlankDescription() {
		assertThatExceptionOfType(MigrationLoadException.class)
			.isThrownBy(() -> this.loader.load(List.of(), List.of(new Reindex("4", "  "))))
			.withMessage("Java migration " + Reindex.class.getName() + " (version 4) has no description; return a "
					+ "short text from description().");
		assertThatExceptionOfType(MigrationLoadException.class)
			.isThrownBy(() -> this.loader.load(List.of(), List.of(new Reindex("4", null))))
			.withMessageContaining("has no description");
	}

	@Test
	void javaMigrationWithSameVersionAsScript() throws IOException {
		write("V4__a.cql", "DROP TABLE a;");
		assertThatExceptionOfType(MigrationLoadException.class)
			.isThrownBy(() -> this.loader.load(List.of(location()), List.of(new Reindex("004.0", "reindex"))))
			.withMessage("Version 4 is defined twice: by the Java migration " + Reindex.class.getName() + " and by "
					+ location() + "/V4__a.cql; renumber or remove one of them.");
	}

	@Test
	void twoJavaMigrationsWithSameVersion() {
		assertThatExceptionOfType(MigrationLoadException.class)
			.isThrownBy(() -> this.loader.load(List.of(),
					List.of(new Reindex("5", "reindex"), new Backfill("5.0", "backfill", null))))
			.withMessage("Version 5 is defined twice: by the Java migrations " + Reindex.class.getName() + " and "
					+ Backfill.class.getName() + "; renumber or remove one of them.");
	}

	private List<ResolvedMigration> load() {
		return this.loader.load(List.of(location()), List.of());
	}

	private String location() {
		return "filesystem:" + this.temp.resolve("db");
	}

	private void write(String fileName, String content) throws IOException {
		Path directory = Files.createDirectories(this.temp.resolve("db"));
		Files.writeString(directory.resolve(fileName), content);
	}

	static class Reindex extends TestJavaMigration {

		Reindex(String version, String description) {
			super(version, description);
		}

		@Override
		public void up(CqlSession session) {
		}

	}

	static class Backfill extends Reindex {

		private final Integer checksum;

		Backfill(String version, String description, Integer checksum) {
			super(version, description);
			this.checksum = checksum;
		}

		@Override
		public Integer checksum() {
			return this.checksum;
		}

	}

}
