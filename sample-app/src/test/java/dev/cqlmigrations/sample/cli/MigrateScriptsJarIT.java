package dev.cqlmigrations.sample.cli;

import java.nio.file.Path;
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
 * The packaged sample's {@code migrate} output for scripts as real projects write them: a script
 * holding only comments, a cqlsh command, a version written {@code 1.0}, a failed migration; one
 * summary line per run, plurals, and the status JSON of the actuator endpoint.
 */
@EmbeddedCassandra
class MigrateScriptsJarIT {

	@TempDir
	Path scripts;

	@TempDir
	Path workingDirectory;

	private String keyspace;

	private SampleJar jar;

	@BeforeEach
	void freshKeyspace(CassandraNode node) {
		this.keyspace = TestKeyspaces.unique("jarscripts");
		this.jar = SampleJar.in(this.workingDirectory).cluster(node).migrations(this.keyspace, this.scripts);
	}

	@Test
	void aCommentOnlyScriptAppliesWithOneSummaryLineAndSingularWords() {
		write("V1.0__blank.cql", "/* Licensed under the Apache License, Version 2.0 */\n-- Intentionally blank.\n");

		SampleJar.Run valid = this.jar.migrate("validate");
		assertThat(valid.exitCode()).as(valid.toString()).isZero();
		assertThat(valid.out()).contains("Validation passed: 1 migration on disk agrees with the history of keyspace "
				+ this.keyspace + " (no version).");

		SampleJar.Run up = this.jar.migrate("up");
		assertThat(up.exitCode()).as(up.toString()).isZero();
		assertThat(up.lines()).as(up.toString())
			.containsExactly("Applying V1.0 blank (1/1)", up.lines().get(1), up.lines().get(2));
		assertThat(up.lines().get(1)).matches("Applied V1\\.0 blank in \\d+ ms \\(0 statements\\)");
		assertThat(up.lines().get(2))
			.matches("Applied 1 migration to keyspace " + this.keyspace
					+ ": no version -> version 1\\.0 in \\d+ ms\\.");

		SampleJar.Run again = this.jar.migrate("up");
		assertThat(again.lines()).as(again.toString())
			.containsExactly("Keyspace " + this.keyspace + " is up to date at version 1.0: nothing to apply.");

		SampleJar.Run status = this.jar.migrate("status");
		assertThat(status.out()).startsWith("Keyspace " + this.keyspace + ": version 1.0\n")
			.containsPattern("\\| 1\\.0     \\| blank       \\| CQL  \\| APPLIED \\| \\d{4}-\\d\\d-\\d\\d")
			.endsWith("Total: 1 | Applied: 1 | Pending: 0 | Failed: 0\n");
	}

	@Test
	void aCqlshCommandFailsWhileLoadingWithFileAndLine() {
		write("V1__tables.cql",
				"-- written for cqlsh -f\nCREATE TABLE a (id int PRIMARY KEY);\nCONSISTENCY QUORUM;\n");

		SampleJar.Run validate = this.jar.migrate("validate");
		assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(1);
		assertThat(validate.err()).startsWith("Error: filesystem:" + this.scripts + "/V1__tables.cql (line 3, "
				+ "column 1): 'CONSISTENCY QUORUM;' is the cqlsh command CONSISTENCY, not CQL");
		assertThat(this.jar.migrate("up").exitCode()).isEqualTo(1);
		assertThat(this.jar.migrate("status").exitCode()).isEqualTo(1);
	}

	@Test
	void aFailedMigrationShowsNoApplicationTimeAndTheJsonIsTheEndpoints() {
		write("V1__ok.cql", "CREATE TABLE ok (id int PRIMARY KEY);");
		write("V2__broken.cql",
				"CREATE TABLE b (id int PRIMARY KEY);\nCREATE TABLE c (id int PRIMARY KEY, x nosuchtype);");
		SampleJar.Run up = this.jar.migrate("up");
		assertThat(up.exitCode()).as(up.toString()).isEqualTo(1);
		assertThat(up.err()).contains("as FAILED after 1 statement; ", "(keep the one before it unchanged)");

		SampleJar.Run status = this.jar.migrate("status");
		assertThat(status.out())
			.contains("| 2       | broken      | CQL  | FAILED  |                     |                |")
			.endsWith("Total: 2 | Applied: 1 | Pending: 0 | Failed: 1\n");

		SampleJar.Run json = this.jar.migrate("status", "--json");
		assertThat(json.exitCode()).as(json.toString()).isZero();
		Map<String, Object> root = json.json();
		assertThat(root.keySet()).containsExactlyInAnyOrder("keyspace", "currentVersion", "pending", "counts",
				"migrations", "problems");
		assertThat(root).extractingByKey("counts", MAP).containsEntry("APPLIED", 1).containsEntry("FAILED", 1);
		assertThat(root).extractingByKey("migrations", LIST).element(0, MAP).containsKeys("appliedAt", "executionTime");
		assertThat(root).extractingByKey("migrations", LIST).element(1, MAP).containsEntry("state", "FAILED")
			.containsEntry("statementsDone", 1)
			.containsKeys("error", "executionTime")
			.doesNotContainKey("appliedAt");
	}

	private void write(String name, String content) {
		TestScripts.write(this.scripts, name, content);
	}

}
