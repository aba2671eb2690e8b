package dev.cqlmigrations.sample.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Three filter chains: the authorization server's endpoints, the actuator (HTTP Basic,
 * stateless) and everything else (form login).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http) throws Exception {
		http.oauth2AuthorizationServer((authorizationServer) -> {
			http.securityMatcher(authorizationServer.getEndpointsMatcher());
			authorizationServer.oidc(Customizer.withDefaults());
		});
		http.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated());
		// The OIDC user info endpoint takes the access tokens this server issues.
		http.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()));
		// Browsers that hit the authorization endpoint unauthenticated go to the login form.
		http.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
				new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain actuatorSecurityFilterChain(HttpSecurity http) throws Exception {
		// Paths rather than EndpointRequest: the rules must hold whether or not an endpoint exists.
		http.securityMatcher("/actuator/**");
		http.authorizeHttpRequests((authorize) -> authorize
			.requestMatchers("/actuator/health", "/actuator/health/**")
			.permitAll()
			.requestMatchers("/actuator/migrations", "/actuator/migrations/**")
			.hasRole("ADMIN")
			.anyRequest()
			.denyAll());
		http.httpBasic(Customizer.withDefaults());
		// Credentials come with every request and no session is read or created here, so a
		// browser's login cookie can never authorize an actuator POST: CSRF protection has
		// nothing to protect on this chain.
		http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain defaultSecurityFilterChain(HttpSecurity http) throws Exception {
		// Error pages are public: otherwise a 401 or 403 from another chain, rendered by /error,
		// would turn into a redirect to the login form.
		http.authorizeHttpRequests((authorize) -> authorize.requestMatchers("/error")
			.permitAll()
			.anyRequest()
			.authenticated());
		http.formLogin(Customizer.withDefaults());
		return http.build();
	}

}
