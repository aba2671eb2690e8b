package dev.cqlmigrations.sample.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;
import dev.cqlmigrations.test.TestKeyspaces;
import dev.cqlmigrations.test.TestScripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * Every {@code migrate} command of the packaged sample against the shared test node, each run a
 * separate {@code java -jar} process: a fresh history keyspace ({@code --migrations.keyspace}) and
 * scripts written here ({@code --migrations.locations=filesystem:…}) per test.
 */
@EmbeddedCassandra
class MigrateAgainstClusterJarIT {

	@TempDir
	Path scripts;

	@TempDir
	Path workingDirectory;

	private String keyspace;

	private SampleJar jar;

	@BeforeEach
	void freshKeyspaceAndScripts(CassandraNode node) {
		this.keyspace = TestKeyspaces.unique("jar");
		this.jar = SampleJar.in(this.workingDirectory).cluster(node).migrations(this.keyspace, this.scripts);
		TestScripts.usersAndOrders(this.scripts);
	}

	@Test
	void statusShowsEveryMigrationPendingBecauseNothingRanOnStart() {
		SampleJar.Run status = this.jar.migrate("status");
		assertThat(status.exitCode()).as(status.toString()).isZero();
		assertThat(status.out()).startsWith("Keyspace " + this.keyspace + ": no version applied\n")
			.contains("| Version | Description    | Type | State   | Applied at (UTC) | Execution time |")
			.contains("| 1       | create users   | CQL  | PENDING |")
			.contains("| 2       | add user email | CQL  | PENDING |")
			.contains("| 3       | create orders  | CQL  | PENDING |")
			.endsWith("Total: 3 | Applied: 0 | Pending: 3 | Failed: 0\n");
		assertThat(status.err()).isEmpty();
		assertThat(status.all()).doesNotContain("Tomcat", "Started SampleApplication");
	}

	@Test
	void upPrintsOneProgressLinePerMigrationThenStatusShowsThemApplied() {
		SampleJar.Run up = this.jar.migrate("up", "--target", "2");
		assertThat(up.exitCode()).as(up.toString()).isZero();
		assertThat(up.out()).contains("Applying V1 create users (1/2)\n", "Applying V2 add user email (2/2)\n")
			.contains("Applied 2 migrations to keyspace " + this.keyspace + ": no version -> version 2 in ");
		assertThat(up.out().indexOf("Applying V1")).isLessThan(up.out().indexOf("Applying V2"));
		assertThat(up.err()).isEmpty();

		SampleJar.Run rest = this.jar.migrate("up");
		assertThat(rest.out()).contains("Applying V3 create orders (1/1)\n", "version 2 -> version 3");

		SampleJar.Run status = this.jar.migrate("status");
		assertThat(status.out()).startsWith("Keyspace " + this.keyspace + ": version 3\n")
			.containsPattern("\\| 1       \\| create users   \\| CQL  \\| APPLIED \\| "
					+ "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\| \\d+ ms")
			.endsWith("Total: 3 | Applied: 3 | Pending: 0 | Failed: 0\n");

		SampleJar.Run again = this.jar.migrate("up");
		assertThat(again.exitCode()).isZero();
		assertThat(again.out()).contains("Keyspace " + this.keyspace + " is up to date at version 3: nothing to apply.");
	}

	@Test
	void upDryRunPrintsTheStatementsAndChangesNothing() {
		SampleJar.Run dryRun = this.jar.migrate("up", "--dry-run");
		assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
		assertThat(dryRun.out()).contains("Dry run: 3 migrations would be applied to keyspace " + this.keyspace
				+ " (now at no version); nothing was changed.\n"
				+ "V1 create users (V1__create_users.cql):\n"
				+ "    CREATE TABLE users (id uuid PRIMARY KEY, name text);\n");
		assertThat(dryRun.out()).doesNotContain("Applying");
		assertThat(this.jar.migrate("status").out()).contains("Total: 3 | Applied: 0 | Pending: 3 | Failed: 0");
	}

	@Test
	void statusAsJsonIsTheWholeStandardOutput() {
		this.jar.migrate("up", "--target", "1");
		SampleJar.Run status = this.jar.migrate("status", "--json");
		assertThat(status.exitCode()).as(status.toString()).isZero();
		Map<String, Object> json = status.json();
		assertThat(json.get("keyspace")).isEqualTo(this.keyspace);
		assertThat(json.get("currentVersion")).isEqualTo("1");
		assertThat(json.get("pending")).isEqualTo(2);
		assertThat(json).extractingByKey("counts", MAP).containsEntry("APPLIED", 1).containsEntry("PENDING", 2)
			.containsEntry("FAILED", 0);
		assertThat(json).extractingByKey("migrations", LIST).element(0, MAP).containsKey("executionTime")
			.doesNotContainKey("executionMillis");
		assertThat(((List<?>) json.get("migrations")).stream().map((m) -> String.valueOf(((Map<?, ?>) m).get("state"))))
			.containsExactly("APPLIED", "PENDING", "PENDING");
	}

	@Test
	void downRollsBackByStepsOrToATargetWithADryRunFirst() {
		this.jar.migrate("up");
		SampleJar.Run dryRun = this.jar.migrate("down", "--dry-run");
		assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
		assertThat(dryRun.out()).contains("Dry run: 1 migration would be rolled back in keyspace " + this.keyspace
				+ " (now at version 3); nothing was changed.\n"
				+ "V3 create orders (U3__create_orders.cql):\n"
				+ "    DROP TABLE order_lines;\n"
				+ "    DROP TABLE orders;\n");

		SampleJar.Run down = this.jar.migrate("down");
		assertThat(down.exitCode()).as(down.toString()).isZero();
		assertThat(down.out()).contains("Rolling back V3 create orders (1/1)\n",
				"Rolled back 1 migration in keyspace " + this.keyspace + ": version 3 -> version 2 in ");

		SampleJar.Run steps = this.jar.migrate("down", "--steps", "1");
		assertThat(steps.out()).contains("version 2 -> version 1");

		this.jar.migrate("up");
		SampleJar.Run target = this.jar.migrate("down", "--target", "0");
		assertThat(target.exitCode()).as(target.toString()).isZero();
		assertThat(target.out()).contains("Rolling back V3 create orders (1/3)", "Rolling back V1 create users (3/3)",
				"Rolled back 3 migrations", "version 3 -> no version");
	}

	@Test
	void validateRepairAndEngineErrors() {
		SampleJar.Run nothingToUndo = this.jar.migrate("down");
		assertThat(nothingToUndo.exitCode()).as(nothingToUndo.toString()).isEqualTo(1);
		assertThat(nothingToUndo.err()).isEqualTo("Error: Nothing to roll back: no migration is applied in keyspace "
				+ this.keyspace + ".\n");

		this.jar.migrate("up");
		SampleJar.Run valid = this.jar.migrate("validate");
		assertThat(valid.exitCode()).as(valid.toString()).isZero();
		assertThat(valid.out()).contains("Validation passed: 3 migrations");

		write("V2__add_user_email.cql", "ALTER TABLE users ADD email text; -- edited after it was applied");
		SampleJar.Run invalid = this.jar.migrate("validate");
		assertThat(invalid.exitCode()).as(invalid.toString()).isEqualTo(1);
		assertThat(invalid.err()).startsWith("Error: Validation failed, nothing was changed:\n - ").contains("V2")
			.doesNotContain("\tat ");

		SampleJar.Run repair = this.jar.migrate("repair");
		assertThat(repair.exitCode()).as(repair.toString()).isZero();
		assertThat(repair.out()).contains("Repaired keyspace " + this.keyspace + ":\n - V2: ");
		assertThat(this.jar.migrate("validate").exitCode()).isZero();
	}

	@Test
	void aFailingMigrationExitsWithOneAndRepairKeepsWhatRan() {
		write("V4__broken.cql", "CREATE TABLE broken (id int PRIMARY KEY);\nALTER TABLE no_such_table ADD x text;");
		SampleJar.Run up = this.jar.migrate("up");
		assertThat(up.exitCode()).as(up.toString()).isEqualTo(1);
		assertThat(up.out()).contains("Applying V4 broken (4/4)");
		assertThat(up.err()).startsWith("Error: Migration V4 (V4__broken.cql) failed at statement 2 of 2")
			.doesNotContain("\tat ");
		assertThat(this.jar.migrate("status").out()).contains("Total: 4 | Applied: 3 | Pending: 0 | Failed: 1");

		SampleJar.Run repair = this.jar.migrate("repair");
		assertThat(repair.exitCode()).as(repair.toString()).isZero();
		assertThat(repair.out()).contains("V4: statement 1 of 2 took effect").contains("resumes at statement 2");

		write("V4__broken.cql", "CREATE TABLE broken (id int PRIMARY KEY);\nALTER TABLE broken ADD x text;");
		SampleJar.Run resumed = this.jar.migrate("up");
		assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
		assertThat(this.jar.migrate("status").out()).contains("Total: 4 | Applied: 4 | Pending: 0 | Failed: 0");
	}

	@Test
	void baselineOnlyOnAnEmptyHistory() {
		SampleJar.Run baseline = this.jar.migrate("baseline", "--version", "2", "--description", "existing schema");
		assertThat(baseline.exitCode()).as(baseline.toString()).isZero();
		assertThat(baseline.out()).contains("Baselined keyspace " + this.keyspace + " at version 2");
		assertThat(this.jar.migrate("status").out()).contains("BASELINE")
			.contains("Total: 3 | Applied: 1 | Pending: 1 | Failed: 0");

		SampleJar.Run again = this.jar.migrate("baseline", "--version", "3");
		assertThat(again.exitCode()).as(again.toString()).isEqualTo(1);
		assertThat(again.err()).startsWith("Error: Cannot baseline keyspace " + this.keyspace + " at version 3");
	}

	@Test
	void wrongCredentialsAreOneLineWithStatusOne(CassandraNode node) {
		SampleJar.Run run = SampleJar.in(this.workingDirectory)
			.with("--spring.cassandra.contact-points=" + node.contactPointText(),
					"--spring.cassandra.local-datacenter=" + node.localDatacenter(),
					"--spring.cassandra.username=" + node.username(), "--spring.cassandra.password=wrong")
			.migrations(this.keyspace, this.scripts)
			.migrate("status");
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
		assertThat(run.lines()).as(run.toString()).singleElement().asString()
			.startsWith("Error: Cannot connect to Cassandra: /" + node.contactPointText())
			.containsIgnoringCase("authentication");
	}

	private void write(String name, String content) {
		TestScripts.write(this.scripts, name, content);
	}

}
