package dev.cqlmigrations.sample.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample's {@code migrate} commands that need no cluster, and every way a command line
 * can be wrong. No Cassandra anywhere: {@code spring.cassandra.contact-points} points at a closed
 * port, so a command that tried to connect would fail; or no cluster is configured at all, where
 * the sample outside command-line mode would start a local node.
 */
class MigrateWithoutClusterJarIT {

	@TempDir
	Path workingDirectory;

	private SampleJar jar() {
		return SampleJar.in(this.workingDirectory).noCluster();
	}

	@Test
	void helpPrintsTheUsageAndExitsWithZero() {
		SampleJar.Run run = jar().migrate("help");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).startsWith("Usage: java -jar app.jar migrate <command>")
			.contains("  up [--target V] [--dry-run]", "  down [--steps N | --target V] [--dry-run]",
					"  status [--json]", "  validate", "  repair", "  baseline --version V [--description D]",
					"  create NAME [--dir DIR]", "  help");
		assertThat(run.err()).isEmpty();
		// No web server, no banner, no startup log in command-line mode.
		assertThat(run.all()).doesNotContain("Tomcat", "Started SampleApplication", ":: Spring Boot ::");
	}

	@Test
	void noCommandIsAUsageError() {
		assertUsageError(jar().migrate(), "Error: No command given.");
	}

	@Test
	void anUnknownCommandIsAUsageError() {
		assertUsageError(jar().migrate("frobnicate"), "Error: Unknown command 'frobnicate'.");
	}

	@Test
	void anUnknownOptionIsAUsageError() {
		assertUsageError(jar().migrate("status", "--bogus"), "Error: Unknown option '--bogus'.");
		assertUsageError(jar().migrate("up", "--taget=3"), "Error: Unknown option '--taget=3'.");
	}

	@Test
	void anOptionOfAnotherCommandIsAUsageError() {
		assertUsageError(jar().migrate("up", "--json"), "Error: Option --json does not apply to 'up'");
	}

	@Test
	void missingOrInvalidValuesAreUsageErrors() {
		assertUsageError(jar().migrate("down", "--steps", "two"), "Error: Invalid --steps 'two'");
		assertUsageError(jar().migrate("down", "--steps", "1", "--target", "2"),
				"Error: Give either --steps or --target to 'down', not both.");
		assertUsageError(jar().migrate("up", "--target"), "Error: Option --target V needs a value.");
		assertUsageError(jar().migrate("baseline"), "Error: 'baseline' needs --version V");
		assertUsageError(jar().migrate("create"), "Error: 'create' needs a NAME");
	}

	@Test
	void createWritesTheFirstPairIntoTheDefaultDirectoryWithoutAnyCluster() throws IOException {
		SampleJar.Run run = jar().migrate("create", "create users");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		Path dir = this.workingDirectory.resolve("src/main/resources/db/cassandra");
		assertThat(dir.resolve("V1__create_users.cql")).exists();
		assertThat(dir.resolve("U1__create_users.cql")).exists();
		assertThat(Files.readString(dir.resolve("V1__create_users.cql"))).startsWith("-- V1: create users\n");
		assertThat(run.out()).contains("Created src/main/resources/db/cassandra/V1__create_users.cql\n",
				"Created src/main/resources/db/cassandra/U1__create_users.cql\n");
		assertThat(run.err()).isEmpty();
	}

	@Test
	void createAndHelpStartNoLocalNodeAndNoContextWhenNoClusterIsConfigured() {
		SampleJar jar = SampleJar.in(this.workingDirectory)
			.with("--logging.level.dev.cqlmigrations.sample.embedded=DEBUG", "--logging.level.root=DEBUG");
		for (String[] command : new String[][] { { "create", "add phone" }, { "help" } }) {
			SampleJar.Run run = jar.migrate(command);
			assertThat(run.exitCode()).as(run.toString()).isZero();
			// They end before Spring prepares an environment: no post-processor, no logging system.
			assertThat(run.all()).as(run.toString())
				.doesNotContain("local Cassandra node", "DEBUG", "Refreshing", "ApplicationContext");
			assertThat(run.err()).isEmpty();
		}
		assertThat(this.workingDirectory.resolve("src/main/resources/db/cassandra/V1__add_phone.cql")).exists();
	}

	@Test
	void createChoosesTheNextVersionKeepingTheZeroPadding(@TempDir Path dir) throws IOException {
		Files.writeString(dir.resolve("V001__create_keyspace.cql"), "CREATE KEYSPACE x WITH replication = {};");
		Files.writeString(dir.resolve("V002__create_users.cql"), "CREATE TABLE x.users (id int PRIMARY KEY);");
		Files.writeString(dir.resolve("U002__create_users.cql"), "DROP TABLE x.users;");
		SampleJar.Run run = jar().migrate("create", "add-user-email", "--dir", dir.toString());
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(dir.resolve("V003__add_user_email.cql")).exists();
		assertThat(dir.resolve("U003__add_user_email.cql")).exists();
		assertThat(run.out()).contains("Created " + dir.resolve("V003__add_user_email.cql"));
	}

	@Test
	void createRefusesANameThatIsTakenAndWritesNothing(@TempDir Path dir) throws IOException {
		Files.writeString(dir.resolve("V1__create_users.cql"), "CREATE TABLE users (id int PRIMARY KEY);");
		SampleJar.Run run = jar().migrate("create", "create_users", "--dir", dir.toString());
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
		assertThat(run.err()).startsWith("Error: A migration named 'create_users' already exists: ");
		assertThat(run.lines()).hasSize(1);
		assertThat(files(dir)).containsExactly("V1__create_users.cql");
	}

	@Test
	void createRefusesInvalidCharactersAndWritesNothing(@TempDir Path dir) throws IOException {
		SampleJar.Run run = jar().migrate("create", "users;drop", "--dir", dir.toString());
		assertUsageError(run, "Error: Invalid migration name 'users;drop'");
		assertThat(files(dir)).isEmpty();
	}

	@Test
	void anUnreachableClusterIsOneLineWithStatusOne() {
		for (String command : new String[] { "status", "up" }) {
			SampleJar.Run run = jar().migrate(command);
			assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
			assertThat(run.lines()).as(run.toString())
				.containsExactly("Error: Cannot connect to Cassandra: /127.0.0.1:1 (Connection refused). Check "
						+ "spring.cassandra.contact-points, local-datacenter and the credentials.");
		}
	}

	@Test
	void debugShowsTheStackTraceOfAnUnreachableCluster() {
		SampleJar.Run run = jar().migrate("status", "--debug");
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
		assertThat(run.err()).contains("Error: Cannot connect to Cassandra: /127.0.0.1:1 (Connection refused)")
			.contains("AllNodesFailedException")
			.contains("\tat ");
	}

	@Test
	void anInvalidMigrationSettingIsTheEnginesMessageWithStatusOne() {
		SampleJar.Run run = jar().with("--migrations.lock.ttl=1s").migrate("status");
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
		assertThat(run.lines()).as(run.toString()).singleElement().asString()
			.startsWith("Error: migrations.lock.ttl is 1000 ms: use at least 3s");
	}

	@Test
	void aFailureBeforeTheCommandRunsIsOneLineWithStatusOne() {
		SampleJar.Run run = jar().with("--spring.config.import=file:/nonexistent/cli.yml").migrate("status");
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
		assertThat(run.lines()).as(run.toString()).singleElement().asString()
			.startsWith("Error: ")
			.contains("/nonexistent/cli.yml");
	}

	private static void assertUsageError(SampleJar.Run run, String message) {
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
		assertThat(run.err()).as(run.toString()).startsWith(message).contains("\nUsage: java -jar app.jar migrate");
		assertThat(run.out()).as(run.toString()).isEmpty();
	}

	private static String[] files(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.map((file) -> file.getFileName().toString()).sorted().toArray(String[]::new);
		}
	}

}
