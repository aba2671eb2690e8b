package dev.cqlmigrations.core;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MigrationVersionTest {

	@Test
	void versionsCompareNumericallyPartByPart() {
		List<MigrationVersion> versions = new ArrayList<>(List.of(v("10"), v("9"), v("1.10"), v("1.2"), v("1.1"),
				v("2"), v("20261123120000"), v("1")));
		versions.sort(null);
		assertThat(versions).extracting(MigrationVersion::toString)
			.containsExactly("1", "1.1", "1.2", "1.10", "2", "9", "10", "20261123120000");
	}

	@Test
	void leadingZerosAndTrailingZeroPartsDoNotMatter() {
		assertThat(v("002")).isEqualTo(v("2"));
		assertThat(v("2.0")).isEqualTo(v("2"));
		assertThat(v("2.0").canonical()).isEqualTo("2");
		assertThat(v("1.0.0")).isEqualByComparingTo(v("1"));
		assertThat(v("0")).hasToString("0");
		assertThat(v("0.0").canonical()).isEqualTo("0");
	}

	@Test
	void showsTheVersionAsWrittenButComparesNumerically() {
		assertThat(v("1.0")).hasToString("1.0").isEqualTo(v("1")).hasSameHashCodeAs(v("1"));
		assertThat(v("1.0").canonical()).isEqualTo("1");
		assertThat(v("007")).hasToString("007").isEqualByComparingTo(v("7"));
		assertThat(v("1_2")).hasToString("1.2");
		assertThat(new MigrationVersion(v("2.0").parts())).hasToString("2");
		assertThat(v("1.0").isNewerThan(v("0.9"))).isTrue();
		assertThat(v("1.0")).isNotEqualTo("1.0");
	}

	@Test
	void latestIsTheTargetWithoutALimitAndTheOnlyWordThatParses() {
		assertThat(MigrationVersion.parseTarget("latest")).isSameAs(MigrationVersion.LATEST);
		assertThat(MigrationVersion.parseTarget(" LATEST ")).isSameAs(MigrationVersion.LATEST);
		assertThat(MigrationVersion.parseTarget(null)).isSameAs(MigrationVersion.LATEST);
		assertThat(MigrationVersion.parseTarget("")).isSameAs(MigrationVersion.LATEST);
		assertThat(MigrationVersion.parseTarget("2.0")).isEqualTo(v("2")).hasToString("2.0");
		assertThat(MigrationVersion.LATEST.isNewerThan(v("20261123120000"))).isTrue();
		assertThat(v("1").isNewerThan(MigrationVersion.LATEST)).isFalse();
		assertThat(MigrationVersion.LATEST).hasToString("latest").isNotEqualTo(v("0"));
		assertThat(MigrationVersion.LATEST.canonical()).isEqualTo("latest");
		assertThat(MigrationVersion.ZERO).isEqualTo(v("0.0"));
		assertThatIllegalArgumentException().isThrownBy(() -> MigrationVersion.parseTarget("newest"))
			.withMessageContaining("'newest' is not a version");
	}

	@Test
	void indexesItemsByVersionInVersionOrder() {
		assertThat(MigrationVersion.index(List.of("10", "2", "1.5"), MigrationVersion::parse).keySet())
			.containsExactly(v("1.5"), v("2"), v("10"));
	}

	@Test
	void underscoresSeparatePartsLikeDots() {
		assertThat(v("1_2")).isEqualTo(v("1.2"));
	}

	@Test
	void longerVersionWithSamePrefixIsNewer() {
		assertThat(v("1.1").isNewerThan(v("1"))).isTrue();
		assertThat(v("1").isNewerThan(v("1.1"))).isFalse();
	}

	@Test
	void invalidVersionsAreRejectedWithTheExpectedForm() {
		assertThatIllegalArgumentException().isThrownBy(() -> v("1.a")).withMessageContaining("dotted numbers");
		assertThatIllegalArgumentException().isThrownBy(() -> v("")).withMessageContaining("not a version");
		assertThatIllegalArgumentException().isThrownBy(() -> v(null));
		assertThatIllegalArgumentException().isThrownBy(() -> v("1..2"));
	}

	private static MigrationVersion v(String text) {
		return MigrationVersion.parse(text);
	}

}
