package dev.cqlmigrations.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

@EmbeddedCassandra
class ForkedCassandraNodeSmokeIT {

	@Test
	void nodeIsARealCassandraThatStoresDataAndHonoursLightweightTransactions(CqlSession session) {
		String keyspace = TestKeyspaces.unique("smoke");
		session.execute("CREATE KEYSPACE " + keyspace
				+ " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
		session.execute("CREATE TABLE " + keyspace + ".greetings (id int PRIMARY KEY, text text)");
		session.execute("INSERT INTO " + keyspace + ".greetings (id, text) VALUES (1, 'hello')");

		Row row = session.execute("SELECT text FROM " + keyspace + ".greetings WHERE id = 1").one();
		assertThat(row).isNotNull();
		assertThat(row.getString("text")).isEqualTo("hello");

		ResultSet first = session.execute("INSERT INTO " + keyspace + ".greetings (id, text) VALUES (2, 'a') IF NOT EXISTS");
		ResultSet second = session.execute("INSERT INTO " + keyspace + ".greetings (id, text) VALUES (2, 'b') IF NOT EXISTS");
		assertThat(first.wasApplied()).isTrue();
		assertThat(second.wasApplied()).isFalse();
		assertThat(session.execute("SELECT release_version FROM system.local").one().getString(0)).startsWith("5.0");
	}

	@Test
	void nodeRequiresALogin(CassandraNode node) {
		assertThat(node.username()).isEqualTo("cassandra");
		assertThat(node.contactPoint().getAddress().isLoopbackAddress()).isTrue();
	}

	@Test
	void nodeDoesNotLockItsMemory(CassandraNode node) throws IOException {
		// Cassandra's mlockall would make the JDK's whole modules image and more resident (~190 MB).
		assumeThat(node).isInstanceOf(ForkedCassandraNode.class);
		Path status = Path.of("/proc", Long.toString(((ForkedCassandraNode) node).pid()), "status");
		assumeThat(status).exists();
		assertThat(Files.readAllLines(status)).filteredOn((line) -> line.startsWith("VmLck:"))
			.singleElement()
			.satisfies((line) -> assertThat(line.replaceAll("\\s+", " ")).isEqualTo("VmLck: 0 kB"));
	}

}
