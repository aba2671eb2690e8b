package dev.cqlmigrations.sample.oauth;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.cqlmigrations.sample.migrations.SampleMigrations;
import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;
import dev.cqlmigrations.test.TestKeyspaces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.data.cassandra.core.cql.CqlTemplate;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@EmbeddedCassandra
class CassandraOAuth2AuthorizationConsentServiceIT {

	private static final String KEYSPACE = TestKeyspaces.unique("sample_consents");

	private RegisteredClient client;

	private CassandraOAuth2AuthorizationConsentService service;

	@BeforeAll
	static void applyMigrations(CassandraNode node) {
		SampleMigrations.apply(node, KEYSPACE);
	}

	@BeforeEach
	void createService(CqlSession session) {
		CqlTemplate cql = new CqlTemplate(session);
		CassandraRegisteredClientRepository clients = new CassandraRegisteredClientRepository(cql, KEYSPACE);
		this.client = TestRegisteredClients.webClient("consent-client-" + System.nanoTime()).build();
		clients.save(this.client);
		this.service = new CassandraOAuth2AuthorizationConsentService(cql, clients, KEYSPACE);
	}

	@Test
	void consentIsFoundByClientAndUser() {
		OAuth2AuthorizationConsent consent = OAuth2AuthorizationConsent.withId(this.client.getId(), "user")
			.scope("messages.read")
			.scope("profile")
			.build();

		this.service.save(consent);

		assertThat(this.service.findById(this.client.getId(), "user")).isEqualTo(consent);
		assertThat(this.service.findById(this.client.getId(), "someone-else")).isNull();
	}

	@Test
	void savingAgainReplacesTheAuthorities() {
		this.service.save(OAuth2AuthorizationConsent.withId(this.client.getId(), "user").scope("a").scope("b").build());
		OAuth2AuthorizationConsent narrower = OAuth2AuthorizationConsent.withId(this.client.getId(), "user")
			.scope("a")
			.build();

		this.service.save(narrower);

		assertThat(this.service.findById(this.client.getId(), "user")).isEqualTo(narrower);
	}

	@Test
	void removedConsentIsGone() {
		OAuth2AuthorizationConsent consent = OAuth2AuthorizationConsent.withId(this.client.getId(), "user")
			.scope("messages.read")
			.build();
		this.service.save(consent);

		this.service.remove(consent);

		assertThat(this.service.findById(this.client.getId(), "user")).isNull();
	}

	@Test
	void consentOfAnUnknownClientIsAnError() {
		this.service.save(OAuth2AuthorizationConsent.withId("deleted-client", "user").scope("a").build());

		assertThatExceptionOfType(DataRetrievalFailureException.class)
			.isThrownBy(() -> this.service.findById("deleted-client", "user"));
	}

}
