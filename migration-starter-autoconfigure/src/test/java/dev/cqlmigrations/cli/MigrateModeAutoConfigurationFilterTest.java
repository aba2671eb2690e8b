package dev.cqlmigrations.cli;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class MigrateModeAutoConfigurationFilterTest {

	private static final String[] CANDIDATES = { "dev.cqlmigrations.autoconfigure.MigrationAutoConfiguration",
			"dev.cqlmigrations.cli.MigrationCliAutoConfiguration",
			"dev.cqlmigrations.autoconfigure.MigrationsEndpointAutoConfiguration",
			"org.springframework.boot.cassandra.autoconfigure.CassandraAutoConfiguration",
			"org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
			"org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
			"com.example.DriverCustomizerAutoConfiguration", null };

	@Test
	void keepsOnlyWhatCommandsNeedInCommandLineMode() {
		assertThat(filter(new MockEnvironment().withProperty(MigrateModeRunListener.ACTIVE_PROPERTY, "true")))
			.containsExactly(true, true, false, true, true, false, false, false, true);
	}

	@Test
	void keepsFurtherAutoConfigurationsByPrefix() {
		assertThat(filter(new MockEnvironment().withProperty(MigrateModeRunListener.ACTIVE_PROPERTY, "true")
			.withProperty(MigrateModeAutoConfigurationFilter.KEEP_PROPERTY, "com.example., org.example.")))
			.containsExactly(true, true, false, true, true, false, false, true, true);
	}

	@Test
	void filtersNothingOutsideCommandLineModeOrWhenSwitchedOff() {
		assertThat(filter(new MockEnvironment())).containsOnly(true);
		assertThat(filter(new MockEnvironment().withProperty(MigrateModeRunListener.ACTIVE_PROPERTY, "true")
			.withProperty(MigrateModeAutoConfigurationFilter.LEAN_PROPERTY, "false"))).containsOnly(true);
		assertThat(new MigrateModeAutoConfigurationFilter().match(CANDIDATES, null)).containsOnly(true);
	}

	@Test
	void runsBeforeBootsClassConditionSoThatItChecksOnlyWhatIsKept() {
		List<AutoConfigurationImportFilter> filters = new ArrayList<>(
				SpringFactoriesLoader.loadFactories(AutoConfigurationImportFilter.class, null));
		filters.sort(AnnotationAwareOrderComparator.INSTANCE);
		assertThat(filters).extracting((filter) -> filter.getClass().getSimpleName())
			.startsWith("MigrateModeAutoConfigurationFilter", "OnClassCondition");
	}

	private static boolean[] filter(MockEnvironment environment) {
		MigrateModeAutoConfigurationFilter filter = new MigrateModeAutoConfigurationFilter();
		filter.setEnvironment(environment);
		return filter.match(CANDIDATES, null);
	}

}
