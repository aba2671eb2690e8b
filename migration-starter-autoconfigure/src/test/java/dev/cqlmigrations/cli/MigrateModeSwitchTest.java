package dev.cqlmigrations.cli;

import java.util.Map;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MigrateModeSwitchTest {

	private static final UnaryOperator<@Nullable String> NOTHING = (name) -> null;

	@Test
	void isOnWhenTheFirstArgumentIsMigrateAndNothingSwitchesItOff() {
		assertThat(MigrateModeSwitch.isOn(new String[] { "migrate", "up" }, NOTHING, NOTHING)).isTrue();
	}

	@Test
	void isOffForAnyOtherFirstArgument() {
		for (String first : new String[] { "--migrate", "Migrate", "MIGRATE", "migrate=up", "-migrate", "up" }) {
			assertThat(MigrateModeSwitch.isOn(new String[] { first, "migrate", "up" }, NOTHING, NOTHING))
				.as(first)
				.isFalse();
		}
		assertThat(MigrateModeSwitch.isOn(new String[0], NOTHING, NOTHING)).isFalse();
	}

	@Test
	void isSwitchedOffByAnArgumentASystemPropertyOrAnEnvironmentVariable() {
		String[] args = { "migrate", "status" };
		assertThat(MigrateModeSwitch.isOn(new String[] { "migrate", "status", "--migrations.cli.enabled=false" },
				NOTHING, NOTHING)).isFalse();
		assertThat(MigrateModeSwitch.isOn(args, lookup("migrations.cli.enabled", "false"), NOTHING)).isFalse();
		assertThat(MigrateModeSwitch.isOn(args, NOTHING, lookup("MIGRATIONS_CLI_ENABLED", " FALSE "))).isFalse();
		assertThat(MigrateModeSwitch.isOn(args, NOTHING, lookup("MIGRATIONS_CLI_ENABLED", "true"))).isTrue();
	}

	@Test
	void theCommandLineWinsOverSystemPropertiesWhichWinOverTheEnvironment() {
		assertThat(MigrateModeSwitch.isOn(new String[] { "migrate", "up", "--migrations.cli.enabled=true" },
				lookup("migrations.cli.enabled", "false"), lookup("MIGRATIONS_CLI_ENABLED", "false"))).isTrue();
		assertThat(MigrateModeSwitch.isOn(new String[] { "migrate", "up" }, lookup("migrations.cli.enabled", "true"),
				lookup("MIGRATIONS_CLI_ENABLED", "false"))).isTrue();
		assertThat(MigrateModeSwitch.isOn(new String[] { "migrate", "up", "--migrations.cli.enabled=true",
				"--migrations.cli.enabled=false" }, NOTHING, NOTHING)).as("the last argument wins").isFalse();
	}

	@Test
	void anInvalidValueIsReportedWithItsSource() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MigrateModeSwitch.isOn(new String[] { "migrate", "up" }, NOTHING,
					lookup("MIGRATIONS_CLI_ENABLED", "nope")))
			.withMessage("Invalid migrations.cli.enabled 'nope' (from environment variable MIGRATIONS_CLI_ENABLED): "
					+ "use true, or false to start the application normally.");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MigrateModeSwitch.isOn(new String[] { "migrate", "up", "--migrations.cli.enabled=" },
					NOTHING, NOTHING))
			.withMessageContaining("(from the command line)");
	}

	@Test
	void anInvalidValueDoesNotMatterWhenTheArgumentsAreNoMigrateCommand() {
		assertThat(MigrateModeSwitch.isOn(new String[] { "serve" }, lookup("migrations.cli.enabled", "nope"),
				NOTHING)).isFalse();
	}

	private static UnaryOperator<@Nullable String> lookup(String name, String value) {
		return (key) -> Map.of(name, value).get(key);
	}

}
