package dev.cqlmigrations.sample.oauth;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class OAuthJsonTest {

	private final OAuthJson json = new OAuthJson();

	@Test
	void tokenSettingsKeepTheirTypes() {
		TokenSettings settings = TokenSettings.builder()
			.accessTokenTimeToLive(Duration.ofMinutes(7))
			.accessTokenFormat(OAuth2TokenFormat.REFERENCE)
			.idTokenSignatureAlgorithm(SignatureAlgorithm.ES256)
			.reuseRefreshTokens(false)
			.build();

		TokenSettings read = TokenSettings.withSettings(this.json.read(this.json.write(settings.getSettings()))).build();

		assertThat(read).isEqualTo(settings);
		assertThat(read.getAccessTokenTimeToLive()).isEqualTo(Duration.ofMinutes(7));
	}

	@Test
	void clientSettingsKeepTheirTypes() {
		ClientSettings settings = ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build();

		assertThat(ClientSettings.withSettings(this.json.read(this.json.write(settings.getSettings()))).build())
			.isEqualTo(settings);
	}

	@Test
	void authenticatedPrincipalIsWrittenWithoutItsPassword() {
		User user = (User) User.withUsername("user").password("{bcrypt}secret-hash").roles("USER").build();
		user.eraseCredentials();
		UsernamePasswordAuthenticationToken principal = UsernamePasswordAuthenticationToken.authenticated(user, null,
				user.getAuthorities());

		// Attribute maps are mutable maps or unmodifiable views, the kinds the allow list knows.
		String written = this.json.write(new HashMap<>(Map.of("java.security.Principal", principal)));

		assertThat(written).doesNotContain("secret-hash");
		assertThat(this.json.read(written)).containsEntry("java.security.Principal", principal);
	}

	@Test
	void typesOutsideSpringSecuritysAllowListAreRefused() {
		String json = "{\"@class\":\"java.util.HashMap\",\"attribute\":[\"java.io.File\",\"/etc/passwd\"]}";

		assertThatException().isThrownBy(() -> this.json.read(json)).withMessageContaining("java.io.File");
	}

}
