package dev.cqlmigrations.sample.oauth;

import java.util.Set;
import java.util.stream.Collectors;

import com.datastax.oss.driver.api.core.cql.Row;

import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.data.cassandra.core.cql.CqlOperations;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.util.Assert;

/**
 * {@link OAuth2AuthorizationConsentService} on the {@code authorization_consents} table, one
 * partition per (client, user) pair: the only way consents are ever read.
 */
public class CassandraOAuth2AuthorizationConsentService implements OAuth2AuthorizationConsentService {

	private final CqlOperations cql;

	private final PreparedStatements statements;

	private final RegisteredClientRepository registeredClients;

	private final String insertConsent;

	private final String selectConsent;

	private final String deleteConsent;

	/**
	 * Creates a new instance.
	 * @param cql the CQL operations
	 * @param registeredClients the clients consents refer to
	 * @param keyspace the keyspace of the table
	 */
	public CassandraOAuth2AuthorizationConsentService(CqlOperations cql, RegisteredClientRepository registeredClients,
			String keyspace) {
		this.cql = cql;
		this.statements = new PreparedStatements(cql);
		this.registeredClients = registeredClients;
		String consents = keyspace + ".authorization_consents";
		this.insertConsent = "INSERT INTO " + consents
				+ " (registered_client_id, principal_name, authorities) VALUES (?, ?, ?)";
		this.selectConsent = "SELECT authorities FROM " + consents
				+ " WHERE registered_client_id = ? AND principal_name = ?";
		this.deleteConsent = "DELETE FROM " + consents + " WHERE registered_client_id = ? AND principal_name = ?";
	}

	@Override
	public void save(OAuth2AuthorizationConsent consent) {
		Assert.notNull(consent, "authorizationConsent cannot be null");
		Set<String> authorities = consent.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.collect(Collectors.toSet());
		this.cql.execute(this.statements.get(this.insertConsent)
			.bind(consent.getRegisteredClientId(), consent.getPrincipalName(), authorities));
	}

	@Override
	public void remove(OAuth2AuthorizationConsent consent) {
		Assert.notNull(consent, "authorizationConsent cannot be null");
		this.cql.execute(this.statements.get(this.deleteConsent)
			.bind(consent.getRegisteredClientId(), consent.getPrincipalName()));
	}

	@Override
	public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
		Assert.hasText(registeredClientId, "registeredClientId cannot be empty");
		Assert.hasText(principalName, "principalName cannot be empty");
		Row row = this.cql
			.queryForResultSet(this.statements.get(this.selectConsent).bind(registeredClientId, principalName))
			.one();
		if (row == null) {
			return null;
		}
		if (this.registeredClients.findById(registeredClientId) == null) {
			throw new DataRetrievalFailureException("The RegisteredClient with id '" + registeredClientId
					+ "' was not found in the RegisteredClientRepository.");
		}
		OAuth2AuthorizationConsent.Builder builder = OAuth2AuthorizationConsent.withId(registeredClientId,
				principalName);
		row.getSet("authorities", String.class)
			.forEach((authority) -> builder.authority(new SimpleGrantedAuthority(authority)));
		return builder.build();
	}

}
