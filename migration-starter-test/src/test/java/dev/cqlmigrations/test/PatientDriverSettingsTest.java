package dev.cqlmigrations.test;

import org.junit.jupiter.api.Test;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;

import static org.assertj.core.api.Assertions.assertThat;

class PatientDriverSettingsTest {

	@Test
	void overridesConnectionSettingsOfProgrammaticConfigurationsButNotTheirRequestTimeout() {
		PatientDriverSettings.apply();
		try (DriverConfigLoader loader = DriverConfigLoader.programmaticBuilder()
			.withString(DefaultDriverOption.HEARTBEAT_TIMEOUT, "1 second")
			.withString(DefaultDriverOption.REQUEST_TIMEOUT, "3 seconds")
			.build()) {
			DriverExecutionProfile profile = loader.getInitialConfig().getDefaultProfile();
			assertThat(profile.getDuration(DefaultDriverOption.HEARTBEAT_TIMEOUT)).hasSeconds(30);
			assertThat(profile.getDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY)).hasSeconds(2);
			assertThat(profile.getDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT)).hasSeconds(30);
			assertThat(profile.getDuration(DefaultDriverOption.REQUEST_TIMEOUT)).hasSeconds(3);
		}
	}

}
