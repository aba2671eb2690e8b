package dev.cqlmigrations.autoconfigure;

import java.net.InetSocketAddress;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;
import dev.cqlmigrations.test.TestKeyspaces;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@code @EmbeddedCassandra} test of an application whose {@code application.yml}, profile
 * file and system properties point at a production cluster (here: unreachable addresses) runs
 * against the embedded node, and only there.
 */
@EmbeddedCassandra
@ActiveProfiles("prod")
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = "spring.config.name=unreachable-cluster")
class EmbeddedCassandraPrecedenceIT {

	static final String KEYSPACE = TestKeyspaces.unique("precedence");

	@DynamicPropertySource
	static void keyspace(DynamicPropertyRegistry registry) {
		registry.add("migrations.keyspace", () -> KEYSPACE);
	}

	@BeforeAll
	static void productionSystemProperty() {
		// Above environment variables in Boot's order: beating it beats them too.
		System.setProperty("spring.cassandra.contact-points", "203.0.113.1:9042");
	}

	@AfterAll
	static void clearSystemProperty() {
		System.clearProperty("spring.cassandra.contact-points");
	}

	@Autowired
	Environment environment;

	@Autowired
	CqlSession applicationSession;

	@Test
	void theApplicationRunsAgainstTheEmbeddedNode(CassandraNode node, CqlSession session) {
		assertThat(this.environment.getProperty("spring.cassandra.contact-points")).isEqualTo(node.contactPointText());
		assertThat(this.applicationSession.getMetadata().getNodes().values())
			.extracting((metadata) -> ((InetSocketAddress) metadata.getEndPoint().resolve()).getPort())
			.containsOnly(node.contactPoint().getPort());
		assertThat(session.execute("SELECT version FROM " + KEYSPACE + ".migration_history").all())
			.as("migrations applied on the embedded node").hasSize(3);
	}

}
