package dev.cqlmigrations.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MigrationFileCreatorTest {

	private final MigrationFileCreator creator = new MigrationFileCreator(
			Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));

	@TempDir
	Path dir;

	@Test
	void startsAtVersionOneInAnEmptyDirectory() throws IOException {
		MigrationFileCreator.CreatedMigration created = this.creator.create(this.dir, "create_users");
		assertThat(created.version()).isEqualTo("1");
		assertThat(created.upScript()).isEqualTo(this.dir.resolve("V1__create_users.cql"));
		assertThat(created.undoScript()).isEqualTo(this.dir.resolve("U1__create_users.cql"));
		assertThat(Files.readString(created.upScript())).startsWith("-- V1: create users\n")
			.contains("Created 2026-11-23 by 'migrate create'");
		assertThat(Files.readString(created.undoScript())).startsWith("-- Undo of V1 (create users)")
			.contains("V1__create_users.cql");
	}

	@Test
	void createsAMissingDirectory() {
		Path nested = this.dir.resolve("src/main/resources/db/cassandra");
		this.creator.create(nested, "init");
		assertThat(nested.resolve("V1__init.cql")).exists();
	}

	@Test
	void takesTheFirstPartOfTheHighestVersionPlusOne() throws IOException {
		touch("V1__a.cql", "U1__a.cql", "V2__b.cql", "V10__c.cql", "V9.5__d.cql", "README.md", "notes.cql");
		assertThat(this.creator.create(this.dir, "next").version()).isEqualTo("11");
	}

	@Test
	void dottedAndUnderscoredVersionsCountByTheirFirstPart() throws IOException {
		touch("V1__a.cql", "V2_3__b.cql", "V2.10__c.cql");
		assertThat(this.creator.create(this.dir, "next").upScript().getFileName().toString())
			.isEqualTo("V3__next.cql");
	}

	@Test
	void keepsTheZeroPaddingOfExistingVersions() throws IOException {
		touch("V001__a.cql", "V009__b.cql", "U009__b.cql");
		MigrationFileCreator.CreatedMigration created = this.creator.create(this.dir, "c");
		assertThat(created.upScript().getFileName().toString()).isEqualTo("V010__c.cql");
		assertThat(created.undoScript().getFileName().toString()).isEqualTo("U010__c.cql");
	}

	@Test
	void paddingGrowsWhenTheNumberOutgrowsIt() throws IOException {
		touch("V099__a.cql");
		assertThat(this.creator.create(this.dir, "b").version()).isEqualTo("100");
	}

	@Test
	void anUndoScriptAloneAlsoCountsForTheVersion() throws IOException {
		touch("V1__a.cql", "U4__d.cql");
		assertThat(this.creator.create(this.dir, "e").version()).isEqualTo("5");
	}

	@Test
	void timestampVersionsAreIncrementedLikeAnyNumber() throws IOException {
		touch("V20261123120000__a.cql");
		assertThat(this.creator.create(this.dir, "b").version()).isEqualTo("20261123120001");
	}

	@Test
	void turnsSpacesAndDashesIntoUnderscores() {
		assertThat(this.creator.create(this.dir, "  add user-email  index ").description())
			.isEqualTo("add_user_email_index");
		assertThat(MigrationFileCreator.normalize("Add--Users")).isEqualTo("Add_Users");
		assertThat(MigrationFileCreator.normalize("v2_schema")).isEqualTo("v2_schema");
	}

	@Test
	void refusesInvalidCharactersAndWritesNothing() throws IOException {
		for (String name : new String[] { "users;drop", "../escape", "naïve", "a.b", "", "  ", "--", "${x}" }) {
			assertThatExceptionOfType(UsageException.class).isThrownBy(() -> this.creator.create(this.dir, name))
				.withMessageContaining("Invalid migration name");
		}
		assertThat(files()).isEmpty();
	}

	@Test
	void refusesANameThatIsAlreadyUsedAndWritesNothing() throws IOException {
		touch("V1__create_users.cql", "U1__create_users.cql");
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> this.creator.create(this.dir, "Create Users"))
			.withMessageContaining("A migration named 'Create_Users' already exists")
			.withMessageContaining("V1__create_users.cql");
		assertThat(files()).containsExactlyInAnyOrder("V1__create_users.cql", "U1__create_users.cql");
	}

	@Test
	void reportsAnUnwritableDirectory() throws IOException {
		Path file = Files.writeString(this.dir.resolve("plain-file"), "");
		assertThatExceptionOfType(MigrationFileException.class).isThrownBy(() -> this.creator.create(file, "x"))
			.withMessageContaining("Cannot write the migration into");
	}

	private void touch(String... names) throws IOException {
		for (String name : names) {
			Files.writeString(this.dir.resolve(name), "");
		}
	}

	private String[] files() throws IOException {
		try (Stream<Path> files = Files.list(this.dir)) {
			return files.map((file) -> file.getFileName().toString()).toArray(String[]::new);
		}
	}

}
