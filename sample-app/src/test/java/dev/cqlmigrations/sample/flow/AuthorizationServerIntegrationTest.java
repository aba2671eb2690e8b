package dev.cqlmigrations.sample.flow;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cqlmigrations.test.EmbeddedCassandra;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole sample over HTTP on a random port, against the shared real Cassandra node, with
 * the demo users and clients of the {@code dev} profile. Each subclass uses its own keyspace
 * ({@code sample.keyspace}, history in {@code <keyspace>_migrations}), created by the sample's
 * migrations, which the starter applies on startup as in production.
 */
@EmbeddedCassandra
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.embedded-cassandra.enabled=false")
@ActiveProfiles("dev")
abstract class AuthorizationServerIntegrationTest {

	static final String REDIRECT_URI = "http://127.0.0.1:9090/authorized";

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	TestBrowser browser;

	@BeforeEach
	void openBrowser() {
		this.browser = new TestBrowser(this.port);
	}

	/**
	 * Runs the browser part of the authorization code flow: authorization request, login form,
	 * consent form, as the demo user {@code user}.
	 * @param clientId the client
	 * @param scopes the requested scopes, space separated
	 * @param codeChallenge the PKCE challenge
	 * @return the code sent to the redirect URI
	 */
	String authorize(String clientId, String scopes, String codeChallenge) {
		return authorize("user", clientId, scopes, codeChallenge);
	}

	/**
	 * Runs the browser part of the authorization code flow as the given user.
	 * @param login what the user types as user name (the user name or the e-mail address)
	 * @param clientId the client
	 * @param scopes the requested scopes, space separated
	 * @param codeChallenge the PKCE challenge
	 * @return the code sent to the redirect URI
	 */
	String authorize(String login, String clientId, String scopes, String codeChallenge) {
		String authorizeUrl = "/oauth2/authorize?response_type=code&client_id=" + clientId + "&scope="
				+ scopes.replace(" ", "%20") + "&redirect_uri=" + REDIRECT_URI + "&state=client-state"
				+ "&code_challenge=" + codeChallenge + "&code_challenge_method=S256";
		HttpResponse<String> toLogin = this.browser.get(authorizeUrl, "Accept", "text/html");
		assertThat(toLogin.statusCode()).isEqualTo(302);
		assertThat(TestBrowser.location(toLogin)).endsWith("/login");

		HttpResponse<String> loginPage = this.browser.get(TestBrowser.location(toLogin));
		String csrf = TestBrowser.hiddenField(loginPage.body(), "_csrf");
		HttpResponse<String> loggedIn = this.browser.postForm("/login",
				List.of("username", login, "password", "password", "_csrf", csrf));
		assertThat(loggedIn.statusCode()).isEqualTo(302);

		HttpResponse<String> afterLogin = this.browser.get(TestBrowser.location(loggedIn), "Accept", "text/html");
		// A user who already consented to these scopes is not asked again.
		HttpResponse<String> redirect = (afterLogin.statusCode() == 200) ? consent(afterLogin, clientId, scopes)
				: afterLogin;
		assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
		Map<String, String> parameters = queryParameters(TestBrowser.location(redirect));
		assertThat(TestBrowser.location(redirect)).startsWith(REDIRECT_URI);
		assertThat(parameters).containsEntry("state", "client-state");
		return parameters.get("code");
	}

	private HttpResponse<String> consent(HttpResponse<String> consentPage, String clientId, String scopes) {
		List<String> form = new ArrayList<>(List.of("client_id", clientId, "state",
				TestBrowser.hiddenField(consentPage.body(), "state")));
		for (String scope : scopes.split(" ")) {
			// openid needs no consent and has no checkbox.
			if (!scope.equals("openid")) {
				form.addAll(List.of("scope", scope));
			}
		}
		return this.browser.postForm("/oauth2/authorize", form);
	}

	JsonNode tokenRequest(int expectedStatus, List<String> form, String... headers) {
		HttpResponse<String> response = this.browser.postForm("/oauth2/token", form, headers);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
		return json.readTree(response.body());
	}

	static JsonNode json(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	static String newCodeVerifier() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String codeChallenge(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, String> queryParameters(String url) {
		Map<String, String> parameters = new LinkedHashMap<>();
		String query = URI.create(url).getRawQuery();
		for (String pair : query.split("&")) {
			String[] nameValue = pair.split("=", 2);
			parameters.put(nameValue[0], URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
		}
		return parameters;
	}

}
