package dev.cqlmigrations.cli;

import org.junit.jupiter.api.Test;

import dev.cqlmigrations.core.UndoOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MigrateCommandLineTest {

	@Test
	void isMigrateCommandOnlyWhenTheFirstArgumentIsExactlyMigrate() {
		assertThat(MigrateCommandLine.isMigrateCommand("migrate", "status")).isTrue();
		assertThat(MigrateCommandLine.isMigrateCommand("migrate")).isTrue();
		assertThat(MigrateCommandLine.isMigrateCommand("--spring.profiles.active=dev", "migrate", "up")).isFalse();
		assertThat(MigrateCommandLine.isMigrateCommand("--debug", "migrate")).isFalse();
		assertThat(MigrateCommandLine.isMigrateCommand("--migrate", "up")).isFalse();
		assertThat(MigrateCommandLine.isMigrateCommand("Migrate", "up")).isFalse();
		assertThat(MigrateCommandLine.isMigrateCommand(" migrate", "up")).isFalse();
		assertThat(MigrateCommandLine.isMigrateCommand()).isFalse();
		assertThat(MigrateCommandLine.isMigrateCommand("--server.port=0")).isFalse();
		assertThat(MigrateCommandLine.isMigrateCommand("status", "migrate")).isFalse();
		assertThat(MigrateCommandLine.isMigrateCommand("migrations")).isFalse();
	}

	@Test
	void isNoMigrateCommandWhenSwitchedOffOnTheCommandLine() {
		assertThat(MigrateCommandLine.isMigrateCommand("migrate", "up", "--migrations.cli.enabled=false")).isFalse();
		assertThat(MigrateCommandLine.isMigrateCommand("migrate", "up", "--migrations.cli.enabled=true")).isTrue();
	}

	@Test
	void dottedOptionsAreSpringPropertiesAndEverythingElseBelongsToTheCommand() {
		MigrateCommandLine split = MigrateCommandLine.split("--spring.cassandra.contact-points=db:9042", "migrate",
				"down", "--steps", "2", "--migrations.locations=filesystem:/tmp/x", "--dry-run", "--debug",
				"--logging.level.root");
		assertThat(split.springArguments()).containsExactly("--spring.cassandra.contact-points=db:9042",
				"--migrations.locations=filesystem:/tmp/x", "--logging.level.root");
		assertThat(split.commandArguments()).containsExactly("migrate", "down", "--steps", "2", "--dry-run", "--debug");
		assertThat(split.has(CommandOption.DEBUG)).isTrue();
		assertThat(split.has(CommandOption.JSON)).isFalse();
	}

	@Test
	void aValueThatLooksLikeACommandBelongsToItsOption() {
		MigrateCommandLine split = MigrateCommandLine.split("migrate", "baseline", "--description", "status",
				"--version", "3");
		assertThat(split.commandArguments()).containsExactly("migrate", "baseline", "--description", "status",
				"--version", "3");
		MigrateCommand command = MigrateCommandLine.parse("migrate", "baseline", "--description", "status",
				"--version", "3");
		assertThat(command.description()).isEqualTo("status");
		assertThat(command.version()).isEqualTo("3");
	}

	@Test
	void parsesUpWithTargetAndDryRun() {
		MigrateCommand command = MigrateCommandLine.parse("migrate", "up", "--target", "1.2", "--dry-run");
		assertThat(command.command()).isEqualTo(Command.UP);
		assertThat(command.target()).isEqualTo("1.2");
		assertThat(command.dryRun()).isTrue();
		assertThat(MigrateCommandLine.parse("migrate", "up", "--target=latest").target()).isEqualTo("latest");
		assertThat(MigrateCommandLine.parse("migrate", "up")).isEqualTo(MigrateCommand.of(Command.UP));
	}

	@Test
	void parsesDownWithStepsOrTarget() {
		MigrateCommand steps = MigrateCommandLine.parse("migrate", "down", "--steps=3");
		assertThat(steps.command()).isEqualTo(Command.DOWN);
		assertThat(steps.steps()).isEqualTo(3);
		assertThat(steps.target()).isNull();
		MigrateCommand target = MigrateCommandLine.parse("migrate", "down", "--target", "0", "--dry-run");
		assertThat(target.target()).isEqualTo("0");
		assertThat(target.steps()).isNull();
		assertThat(target.dryRun()).isTrue();
		assertThat(MigrateCommandLine.parse("migrate", "down")).isEqualTo(MigrateCommand.of(Command.DOWN));
	}

	@Test
	void parsesStatusValidateRepairAndHelp() {
		assertThat(MigrateCommandLine.parse("migrate", "status", "--json").json()).isTrue();
		assertThat(MigrateCommandLine.parse("migrate", "validate").command()).isEqualTo(Command.VALIDATE);
		assertThat(MigrateCommandLine.parse("migrate", "repair", "--debug").debug()).isTrue();
		assertThat(MigrateCommandLine.parse("migrate", "help").command()).isEqualTo(Command.HELP);
		assertThat(MigrateCommandLine.parse("migrate", "--help").command()).isEqualTo(Command.HELP);
		assertThat(MigrateCommandLine.parse("migrate", "up", "-h").command()).isEqualTo(Command.HELP);
	}

	@Test
	void parsesBaseline() {
		MigrateCommand command = MigrateCommandLine.parse("migrate", "baseline", "--version", "5", "--description",
				"schema from before migrations");
		assertThat(command.command()).isEqualTo(Command.BASELINE);
		assertThat(command.version()).isEqualTo("5");
		assertThat(command.description()).isEqualTo("schema from before migrations");
	}

	@Test
	void parsesCreate() {
		MigrateCommand command = MigrateCommandLine.parse("migrate", "create", "add user email", "--dir", "/tmp/db");
		assertThat(command.command()).isEqualTo(Command.CREATE);
		assertThat(command.name()).isEqualTo("add user email");
		assertThat(command.dir()).isEqualTo("/tmp/db");
	}

	@Test
	void springPropertiesAnywhereDoNotDisturbTheCommand() {
		MigrateCommand command = MigrateCommandLine.parse("--spring.cassandra.username=x", "migrate",
				"--migrations.keyspace=ks", "up", "--spring.cassandra.password=y", "--target", "2");
		assertThat(command.command()).isEqualTo(Command.UP);
		assertThat(command.target()).isEqualTo("2");
	}

	@Test
	void rejectsAMissingCommand() {
		assertUsageError("No command given", "migrate");
		assertUsageError("No command given", "migrate", "--debug");
	}

	@Test
	void rejectsAnUnknownCommand() {
		assertUsageError("Unknown command 'frobnicate'", "migrate", "frobnicate");
	}

	@Test
	void rejectsUnknownOptionsIncludingDotlessOnesWithAValue() {
		assertUsageError("Unknown option '--bogus'", "migrate", "status", "--bogus");
		assertUsageError("Unknown option '--taget=3'", "migrate", "up", "--taget=3");
		assertUsageError("Unknown option '-x'", "migrate", "up", "-x");
	}

	@Test
	void rejectsAnOptionOfAnotherCommand() {
		assertUsageError("Option --json does not apply to 'up'", "migrate", "up", "--json");
		assertUsageError("Option --steps does not apply to 'up'", "migrate", "up", "--steps", "1");
		assertUsageError("Option --dir does not apply to 'status'", "migrate", "status", "--dir", "x");
	}

	@Test
	void rejectsMissingAndInvalidValues() {
		assertUsageError("Option --target V needs a value", "migrate", "up", "--target");
		assertUsageError("Option --target V needs a value", "migrate", "up", "--target", "--dry-run");
		assertUsageError("Invalid --target: 'abc' is not a version", "migrate", "up", "--target", "abc");
		assertUsageError("Invalid --steps 'two'", "migrate", "down", "--steps", "two");
		assertUsageError("Invalid --steps '0'", "migrate", "down", "--steps", "0");
		assertUsageError("Invalid --version: 'v1' is not a version", "migrate", "baseline", "--version", "v1");
		assertUsageError("Option --dry-run takes no value", "migrate", "up", "--dry-run=true");
		assertUsageError("Option --target is given twice", "migrate", "up", "--target", "1", "--target=2");
	}

	@Test
	void rejectsStepsTogetherWithTarget() {
		assertUsageError("either --steps or --target", "migrate", "down", "--steps", "1", "--target", "2");
	}

	@Test
	void parsesWhatRepairIsToldAboutAFailedUndo() {
		assertThat(MigrateCommandLine.parse("migrate", "repair").failedUndo()).isNull();
		assertThat(MigrateCommandLine.parse("migrate", "repair", "--undo-finished").failedUndo())
			.isEqualTo(UndoOutcome.FINISHED);
		assertThat(MigrateCommandLine.parse("migrate", "repair", "--undo-reverted").failedUndo())
			.isEqualTo(UndoOutcome.REVERTED);
		assertUsageError("either --undo-finished or --undo-reverted", "migrate", "repair", "--undo-finished",
				"--undo-reverted");
		assertUsageError("Option --undo-finished does not apply to 'down'", "migrate", "down", "--undo-finished");
	}

	@Test
	void rejectsBaselineWithoutVersion() {
		assertUsageError("'baseline' needs --version V", "migrate", "baseline");
	}

	@Test
	void rejectsCreateWithoutOrWithSeveralNames() {
		assertUsageError("'create' needs a NAME", "migrate", "create");
		assertUsageError("'create' takes one NAME", "migrate", "create", "add", "users");
	}

	@Test
	void rejectsExtraArguments() {
		assertUsageError("Unexpected argument 'now' for 'status'", "migrate", "status", "now");
	}

	private static void assertUsageError(String message, String... args) {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> MigrateCommandLine.parse(args))
			.withMessageContaining(message);
	}

}
