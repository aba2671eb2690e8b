package dev.cqlmigrations.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.cqlmigrations.autoconfigure.TestApplication;
import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;
import dev.cqlmigrations.test.TestKeyspaces;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line of a real application against the real node: what an operator sees when the
 * configuration points somewhere wrong, and the driver's own warnings.
 */
@EmbeddedCassandra
@ExtendWith(OutputCaptureExtension.class)
class CommandLineClusterIT {

	@TempDir
	Path scripts;

	private final AtomicInteger exitStatus = new AtomicInteger(-1);

	@Test
	void aContactPointThatDoesNotResolveIsAnErrorNamingItAndNothingIsApplied(CassandraNode node,
			CqlSession session, CapturedOutput output) throws IOException {
		String keyspace = TestKeyspaces.unique("cli_dns");
		write("V1__t.cql", "CREATE TABLE t (id int PRIMARY KEY);");

		// The node itself is a contact point too: the driver would skip the unknown host and migrate it.
		run(node, keyspace, "migrate", "up",
				"--spring.cassandra.contact-points=prod-cassandra.invalid:9042," + node.contactPointText());

		assertThat(this.exitStatus).hasValue(1);
		assertThat(output.getErr()).contains("Error: Contact point prod-cassandra.invalid:9042 of "
				+ "spring.cassandra.contact-points cannot be resolved").contains("Nothing was applied");
		assertThat(session.execute("SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?",
				keyspace).one()).isNull();
	}

	@Test
	void theDriversWarningsReachTheCommandLinesOutput(CassandraNode node, CqlSession session, CapturedOutput output)
			throws IOException {
		String keyspace = TestKeyspaces.unique("cli_warn");
		StringBuilder batch = new StringBuilder("CREATE TABLE t (id int PRIMARY KEY);\nBEGIN UNLOGGED BATCH\n");
		for (int i = 0; i < 12; i++) {
			batch.append("INSERT INTO t (id) VALUES (").append(i).append(");\n");
		}
		write("V1__batch.cql", batch.append("APPLY BATCH;\n").toString());

		run(node, keyspace, "migrate", "up");

		assertThat(this.exitStatus).hasValue(0);
		// Cassandra's client warning about a batch across partitions, logged by the driver at WARN.
		assertThat(output.getOut()).contains("generated server side warning").contains("Unlogged batch covering");
	}

	@Test
	void whileWaitingForTheLockTheCommandLinePrintsOneLineWithTheHolderAndTheWait(CassandraNode node,
			CqlSession session, CapturedOutput output) throws IOException {
		String keyspace = TestKeyspaces.unique("cli_wait");
		write("V1__t.cql", "CREATE TABLE t (id int PRIMARY KEY);");
		run(node, keyspace, "migrate", "up");
		assertThat(this.exitStatus).hasValue(0);
		// Another instance's lease, expiring in 4 s.
		session.execute("INSERT INTO " + keyspace + ".migration_lock (name, owner, holder, acquired_at) VALUES "
				+ "('migrations', 'other', 'ops@other-host [deadbeef]', toTimestamp(now())) USING TTL 4");
		write("V2__u.cql", "CREATE TABLE u (id int PRIMARY KEY);");

		run(node, keyspace, "migrate", "up");

		assertThat(this.exitStatus).hasValue(0);
		String waiting = "Waiting for the migration lock held by ops@other-host [deadbeef] (up to 300 s, "
				+ "migrations.lock.wait-timeout)";
		assertThat(output.getOut().lines().filter((line) -> line.equals(waiting))).hasSize(1);
		assertThat(output.getOut()).contains("Applied V2");
	}

	private void run(CassandraNode node, String keyspace, String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.add("--migrations.keyspace=" + keyspace);
		all.add("--migrations.locations=filesystem:" + this.scripts);
		TestApplication.builder(node)
			.initializers((context) -> context.getBeanFactory()
				.registerSingleton("recordingExit", (CommandLineExit) this.exitStatus::set))
			.run(all.toArray(String[]::new));
	}

	private void write(String name, String content) throws IOException {
		Files.writeString(this.scripts.resolve(name), content, StandardCharsets.UTF_8);
	}

}
