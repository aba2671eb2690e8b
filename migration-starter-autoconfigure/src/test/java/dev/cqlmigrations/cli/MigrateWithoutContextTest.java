package dev.cqlmigrations.cli;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class MigrateWithoutContextTest {

	@Test
	void helpAndCreateRunWithoutSpring(@TempDir Path dir, CapturedOutput output) {
		assertThat(MigrateWithoutContext.run("migrate", "help")).isEqualTo(ExitStatus.OK);
		assertThat(output.getOut()).startsWith("Usage: java -jar app.jar migrate <command>");
		assertThat(MigrateWithoutContext.run("migrate", "create", "add users", "--dir", dir.toString()))
			.isEqualTo(ExitStatus.OK);
		assertThat(dir.resolve("V1__add_users.cql")).exists();
	}

	@Test
	void aUsageErrorEndsWithStatusTwo(CapturedOutput output) {
		assertThat(MigrateWithoutContext.run("migrate", "frobnicate")).isEqualTo(ExitStatus.USAGE);
		assertThat(output.getErr()).startsWith("Error: Unknown command 'frobnicate'.");
	}

	@Test
	void commandsThatNeedTheClusterAndOtherArgumentsAreLeftAlone(CapturedOutput output) {
		assertThat(MigrateWithoutContext.run("migrate", "status", "--spring.cassandra.contact-points=x:1")).isNull();
		// Returns (no exit) for arguments that are not a migrate command.
		MigrateWithoutContext.runIfPossible("--server.port=0");
		MigrateWithoutContext.runIfPossible("--debug", "migrate", "help");
		MigrateWithoutContext.runIfPossible("migrate", "help", "--migrations.cli.enabled=false");
		assertThat(output.toString()).isEmpty();
	}

}
