package dev.cqlmigrations.sample.demo;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the demo clients registered in the {@code dev} profile.
 *
 * @param authorizationCodeTimeToLive how long the authorization codes of the demo clients are
 * valid (and kept in Cassandra)
 * @param redirectUri where the demo authorization code clients receive their codes; by
 * default a port nothing listens on, so that the code stays readable in the browser's
 * address bar
 */
@ConfigurationProperties("sample.demo")
public record DemoProperties(@DefaultValue("5m") Duration authorizationCodeTimeToLive,
		@DefaultValue("http://127.0.0.1:9090/authorized") String redirectUri) {

}
