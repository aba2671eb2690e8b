package dev.cqlmigrations.sample.oauth;

import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;

import org.springframework.data.cassandra.core.cql.CqlOperations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.util.Assert;

/**
 * {@link RegisteredClientRepository} on the {@code registered_clients} table (read by id) and
 * the {@code registered_clients_by_client_id} lookup (read by client id). A client id is
 * claimed with a lightweight transaction, so two registrations of the same client id cannot
 * both succeed, even on different instances.
 * <p>
 * Client secrets are stored as given: callers pass them already encoded with the
 * application's {@code PasswordEncoder}, as with Spring's JDBC repository.
 */
public class CassandraRegisteredClientRepository implements RegisteredClientRepository {

	private final CqlOperations cql;

	private final PreparedStatements statements;

	private final OAuthJson json = new OAuthJson();

	private final String insertClient;

	private final String selectClient;

	private final String selectClientId;

	private final String claimClientId;

	private final String selectIdByClientId;

	private final String releaseClientId;

	/**
	 * Creates a new instance.
	 * @param cql the CQL operations
	 * @param keyspace the keyspace of the tables
	 */
	public CassandraRegisteredClientRepository(CqlOperations cql, String keyspace) {
		this.cql = cql;
		this.statements = new PreparedStatements(cql);
		String clients = keyspace + ".registered_clients";
		String byClientId = keyspace + ".registered_clients_by_client_id";
		this.insertClient = "INSERT INTO " + clients + " (id, client_id, client_id_issued_at, client_secret, "
				+ "client_secret_expires_at, client_name, client_authentication_methods, authorization_grant_types, "
				+ "redirect_uris, post_logout_redirect_uris, scopes, client_settings, token_settings) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
		this.selectClient = "SELECT * FROM " + clients + " WHERE id = ?";
		this.selectClientId = "SELECT client_id FROM " + clients + " WHERE id = ?";
		this.claimClientId = "INSERT INTO " + byClientId + " (client_id, id) VALUES (?, ?) IF NOT EXISTS";
		this.selectIdByClientId = "SELECT id FROM " + byClientId + " WHERE client_id = ?";
		this.releaseClientId = "DELETE FROM " + byClientId + " WHERE client_id = ? IF id = ?";
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		Assert.notNull(registeredClient, "registeredClient cannot be null");
		String id = registeredClient.getId();
		String clientId = registeredClient.getClientId();
		Row stored = this.cql.queryForResultSet(this.statements.get(this.selectClientId).bind(id)).one();
		String storedClientId = (stored != null) ? stored.getString("client_id") : null;
		if (!clientId.equals(storedClientId)) {
			claim(clientId, id);
		}
		this.cql.execute(this.statements.get(this.insertClient)
			.bind(id, clientId, registeredClient.getClientIdIssuedAt(), registeredClient.getClientSecret(),
					registeredClient.getClientSecretExpiresAt(), registeredClient.getClientName(),
					names(registeredClient.getClientAuthenticationMethods(), ClientAuthenticationMethod::getValue),
					names(registeredClient.getAuthorizationGrantTypes(), AuthorizationGrantType::getValue),
					registeredClient.getRedirectUris(), registeredClient.getPostLogoutRedirectUris(),
					registeredClient.getScopes(), this.json.write(registeredClient.getClientSettings().getSettings()),
					this.json.write(registeredClient.getTokenSettings().getSettings())));
		if (storedClientId != null && !storedClientId.equals(clientId)) {
			this.cql.execute(this.statements.get(this.releaseClientId).bind(storedClientId, id));
		}
	}

	@Override
	public RegisteredClient findById(String id) {
		Assert.hasText(id, "id cannot be empty");
		Row row = this.cql.queryForResultSet(this.statements.get(this.selectClient).bind(id)).one();
		return (row != null) ? toRegisteredClient(row) : null;
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		Assert.hasText(clientId, "clientId cannot be empty");
		Row lookup = this.cql.queryForResultSet(this.statements.get(this.selectIdByClientId).bind(clientId)).one();
		if (lookup == null) {
			return null;
		}
		RegisteredClient client = findById(lookup.getString("id"));
		return (client != null && clientId.equals(client.getClientId())) ? client : null;
	}

	private void claim(String clientId, String id) {
		ResultSet result = this.cql.queryForResultSet(this.statements.get(this.claimClientId).bind(clientId, id));
		if (!result.wasApplied()) {
			Row current = result.one();
			String owner = (current != null) ? current.getString("id") : null;
			if (!id.equals(owner)) {
				throw new IllegalArgumentException(
						"Registered client must be unique. Found duplicate client identifier: " + clientId);
			}
		}
	}

	private RegisteredClient toRegisteredClient(Row row) {
		return RegisteredClient.withId(row.getString("id"))
			.clientId(row.getString("client_id"))
			.clientIdIssuedAt(row.getInstant("client_id_issued_at"))
			.clientSecret(row.getString("client_secret"))
			.clientSecretExpiresAt(row.getInstant("client_secret_expires_at"))
			.clientName(row.getString("client_name"))
			.clientAuthenticationMethods((methods) -> row.getSet("client_authentication_methods", String.class)
				.forEach((method) -> methods.add(new ClientAuthenticationMethod(method))))
			.authorizationGrantTypes((grantTypes) -> row.getSet("authorization_grant_types", String.class)
				.forEach((grantType) -> grantTypes.add(new AuthorizationGrantType(grantType))))
			.redirectUris((uris) -> uris.addAll(row.getSet("redirect_uris", String.class)))
			.postLogoutRedirectUris((uris) -> uris.addAll(row.getSet("post_logout_redirect_uris", String.class)))
			.scopes((scopes) -> scopes.addAll(row.getSet("scopes", String.class)))
			.clientSettings(ClientSettings.withSettings(this.json.read(row.getString("client_settings"))).build())
			.tokenSettings(TokenSettings.withSettings(this.json.read(row.getString("token_settings"))).build())
			.build();
	}

	private static <T> Set<String> names(Set<T> values, Function<T, String> name) {
		return values.stream().map(name).collect(Collectors.toSet());
	}

}
