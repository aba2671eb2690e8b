package dev.cqlmigrations.sample.oauth;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.cqlmigrations.sample.migrations.SampleMigrations;
import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;
import dev.cqlmigrations.test.TestKeyspaces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.cassandra.core.cql.CqlTemplate;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@EmbeddedCassandra
class CassandraRegisteredClientRepositoryIT {

	private static final String KEYSPACE = TestKeyspaces.unique("sample_clients");

	private CassandraRegisteredClientRepository repository;

	@BeforeAll
	static void applyMigrations(CassandraNode node) {
		SampleMigrations.apply(node, KEYSPACE);
	}

	@BeforeEach
	void createRepository(CqlSession session) {
		this.repository = new CassandraRegisteredClientRepository(new CqlTemplate(session), KEYSPACE);
	}

	@Test
	void savedClientIsFoundByIdAndByClientIdWithAllItsSettings() {
		RegisteredClient client = TestRegisteredClients.webClient("round-trip").build();

		this.repository.save(client);

		assertThat(this.repository.findById(client.getId())).isEqualTo(client);
		assertThat(this.repository.findByClientId("round-trip")).isEqualTo(client);
	}

	@Test
	void unknownClientIsNotFound() {
		assertThat(this.repository.findById("no-such-id")).isNull();
		assertThat(this.repository.findByClientId("no-such-client")).isNull();
	}

	@Test
	void clientIdCannotBeRegisteredTwice() {
		this.repository.save(TestRegisteredClients.webClient("taken").build());
		RegisteredClient other = TestRegisteredClients.webClient("taken").build();

		assertThatIllegalArgumentException().isThrownBy(() -> this.repository.save(other))
			.withMessageContaining("duplicate client identifier: taken");
		assertThat(this.repository.findById(other.getId())).isNull();
	}

	@Test
	void savingAgainUpdatesTheClient() {
		RegisteredClient client = TestRegisteredClients.webClient("updated").build();
		this.repository.save(client);
		RegisteredClient renamed = RegisteredClient.from(client).clientName("Renamed").scope("messages.write").build();

		this.repository.save(renamed);

		assertThat(this.repository.findByClientId("updated")).isEqualTo(renamed);
	}

	@Test
	void changingTheClientIdReleasesTheOldOne() {
		RegisteredClient client = TestRegisteredClients.webClient("old-name").build();
		this.repository.save(client);

		this.repository.save(RegisteredClient.from(client).clientId("new-name").build());

		assertThat(this.repository.findByClientId("old-name")).isNull();
		assertThat(this.repository.findByClientId("new-name").getId()).isEqualTo(client.getId());
		this.repository.save(TestRegisteredClients.webClient("old-name").build());
		assertThat(this.repository.findByClientId("old-name").getId()).isNotEqualTo(client.getId());
	}

}
