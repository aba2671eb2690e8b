package dev.cqlmigrations.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MigrationFileName}.
 */
class MigrationFileNameTest {

	@Test
	void upScript() {
		assertThat(MigrationFileName.parse("V3__create_users.cql"))
			.isEqualTo(new MigrationFileName(false, MigrationVersion.parse("3"), "create users"));
	}

	@Test
	void undoScript() {
		assertThat(MigrationFileName.parse("U3__drop_users.cql"))
			.isEqualTo(new MigrationFileName(true, MigrationVersion.parse("3"), "drop users"));
	}

	@Test
	void dottedAndUnderscoredVersions() {
		assertThat(MigrationFileName.parse("V1.2.3__x.cql").version()).hasToString("1.2.3");
		assertThat(MigrationFileName.parse("V1_2__x.cql").version()).hasToString("1.2");
		assertThat(MigrationFileName.parse("V002__x.cql").version()).isEqualTo(MigrationVersion.parse("2"));
		assertThat(MigrationFileName.parse("V20261123120000__x.cql").version()).hasToString("20261123120000");
	}

	@Test
	void descriptionKeepsEverythingAfterFirstDoubleUnderscore() {
		assertThat(MigrationFileName.parse("V1__add_index__by-name (v2).cql").description())
			.isEqualTo("add index  by-name (v2)");
		assertThat(MigrationFileName.parse("V1__x_.cql").description()).isEqualTo("x");
	}

	@ParameterizedTest
	@ValueSource(strings = { "V1_create.cql", "V1-create.cql", "V__create.cql", "Vx__create.cql", "V1.__create.cql",
			"V1__create.CQL", "V1__create.sql", "V1__create", "R__views.cql", "1__create.cql", "create.cql",
			"V1..2__x.cql", "V-1__x.cql", " V1__x.cql" })
	void invalidNames(String fileName) {
		assertThatExceptionOfType(MigrationLoadException.class).isThrownBy(() -> MigrationFileName.parse(fileName))
			.withMessage("File '" + fileName + "' is not a valid migration name: expected "
					+ "V<version>__<description>.cql (up) or U<version>__<description>.cql (undo), "
					+ "e.g. V3__create_users.cql");
	}

	@ParameterizedTest
	@ValueSource(strings = { "v1__create.cql", "u1__drop.cql" })
	void lowerCasePrefix(String fileName) {
		assertThatExceptionOfType(MigrationLoadException.class).isThrownBy(() -> MigrationFileName.parse(fileName))
			.withMessageContaining("File '" + fileName + "' is not a valid migration name")
			.withMessageEndingWith("(the prefix is an upper-case V or U)");
	}

	@ParameterizedTest
	@ValueSource(strings = { "V1__.cql", "V1___.cql", "U1____.cql" })
	void emptyDescription(String fileName) {
		assertThatExceptionOfType(MigrationLoadException.class).isThrownBy(() -> MigrationFileName.parse(fileName))
			.withMessageStartingWith("File '" + fileName + "' is not a valid migration name: the description after "
					+ "'__' is empty; expected V<version>__<description>.cql");
	}

	@Test
	void errorNamesLocation() {
		assertThatExceptionOfType(MigrationLoadException.class)
			.isThrownBy(() -> MigrationFileName.parse("V1_x.cql", "classpath:db/cassandra/V1_x.cql"))
			.withMessageStartingWith("File 'V1_x.cql' (classpath:db/cassandra/V1_x.cql) is not a valid migration name");
	}

}
