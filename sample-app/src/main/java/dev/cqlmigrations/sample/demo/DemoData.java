package dev.cqlmigrations.sample.demo;

import java.time.Instant;
import java.util.UUID;

import dev.cqlmigrations.sample.oauth.CassandraUserDetailsService;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * Demo users and clients for the {@code dev} profile, added when absent. They are data, not
 * schema, so they never appear in the migrations that production runs.
 * <p>
 * Runs on {@link ApplicationReadyEvent}, after the migration runner that listens to the same
 * event with a higher precedence: on a fresh cluster the tables only exist from then on.
 */
@Component
@Profile("dev")
@Order(Ordered.LOWEST_PRECEDENCE)
class DemoData implements ApplicationListener<ApplicationReadyEvent> {

	/** Client id of the confidential client that uses the client credentials grant. */
	static final String SERVICE_CLIENT = "demo-service";

	/** Client id of the confidential client that uses authorization code with PKCE and refresh tokens. */
	static final String WEB_CLIENT = "demo-web";

	/** Client id of the public client (no secret) that uses authorization code with PKCE. */
	static final String SPA_CLIENT = "demo-spa";

	private static final Log logger = LogFactory.getLog(DemoData.class);

	private final CassandraUserDetailsService users;

	private final RegisteredClientRepository clients;

	private final PasswordEncoder passwordEncoder;

	private final DemoProperties properties;

	DemoData(CassandraUserDetailsService users, RegisteredClientRepository clients, PasswordEncoder passwordEncoder,
			DemoProperties properties) {
		this.users = users;
		this.clients = clients;
		this.passwordEncoder = passwordEncoder;
		this.properties = properties;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		try {
			addUser("user", "password", "user@example.com", "USER");
			addUser("admin", "admin", "admin@example.com", "ADMIN");
			addClient(serviceClient());
			addClient(webClient());
			addClient(spaClient());
		}
		catch (InvalidDataAccessApiUsageException ex) {
			throw new IllegalStateException("Cannot add the demo data: the sample's tables are missing ("
					+ ex.getMostSpecificCause().getMessage() + "). The migrations under db/cassandra create them "
					+ "on startup unless migrations.enabled is false.", ex);
		}
	}

	private void addUser(String username, String password, String email, String role) {
		boolean added = this.users.createIfAbsent(User.withUsername(username)
			.password(this.passwordEncoder.encode(password))
			.roles(role)
			.build(), email);
		if (added) {
			logger.info("Added demo user '" + username + "' (role " + role + ")");
		}
	}

	private void addClient(RegisteredClient client) {
		if (this.clients.findByClientId(client.getClientId()) == null) {
			this.clients.save(client);
			logger.info("Added demo client '" + client.getClientId() + "'");
		}
	}

	private RegisteredClient serviceClient() {
		return RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(SERVICE_CLIENT)
			.clientIdIssuedAt(Instant.now())
			.clientSecret(this.passwordEncoder.encode("demo-secret"))
			.clientName("Demo service (client credentials)")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope("messages.read")
			.scope("messages.write")
			.build();
	}

	// Spring Authorization Server issues refresh tokens to confidential clients only, so the
	// authorization code flow with refresh tokens needs a client with a secret (and PKCE on top).
	private RegisteredClient webClient() {
		return RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(WEB_CLIENT)
			.clientIdIssuedAt(Instant.now())
			.clientSecret(this.passwordEncoder.encode("demo-web-secret"))
			.clientName("Demo web application (authorization code, PKCE, refresh token)")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUri(this.properties.redirectUri())
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.PROFILE)
			.scope("messages.read")
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build())
			.tokenSettings(tokenSettings())
			.build();
	}

	private RegisteredClient spaClient() {
		return RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(SPA_CLIENT)
			.clientIdIssuedAt(Instant.now())
			.clientName("Demo single-page application (public, authorization code, PKCE)")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(this.properties.redirectUri())
			.scope(OidcScopes.OPENID)
			.scope("messages.read")
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build())
			.tokenSettings(tokenSettings())
			.build();
	}

	// Refresh tokens rotate: a used refresh token is replaced, and its lookup row deleted.
	private TokenSettings tokenSettings() {
		return TokenSettings.builder()
			.authorizationCodeTimeToLive(this.properties.authorizationCodeTimeToLive())
			.reuseRefreshTokens(false)
			.build();
	}

}
