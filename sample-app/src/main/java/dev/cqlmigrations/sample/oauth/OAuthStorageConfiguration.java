package dev.cqlmigrations.sample.oauth;

import dev.cqlmigrations.sample.SampleProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.cassandra.core.cql.CqlOperations;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The Cassandra-backed stores of the authorization server and its users. Spring
 * Authorization Server picks them up as beans.
 */
@Configuration(proxyBeanMethods = false)
public class OAuthStorageConfiguration {

	@Bean
	CassandraRegisteredClientRepository registeredClientRepository(CqlOperations cql, SampleProperties properties) {
		return new CassandraRegisteredClientRepository(cql, properties.keyspace());
	}

	@Bean
	CassandraOAuth2AuthorizationService authorizationService(CqlOperations cql,
			RegisteredClientRepository registeredClients, SampleProperties properties) {
		return new CassandraOAuth2AuthorizationService(cql, registeredClients, properties.keyspace(),
				properties.pendingAuthorizationTimeToLive());
	}

	@Bean
	CassandraOAuth2AuthorizationConsentService authorizationConsentService(CqlOperations cql,
			RegisteredClientRepository registeredClients, SampleProperties properties) {
		return new CassandraOAuth2AuthorizationConsentService(cql, registeredClients, properties.keyspace());
	}

	@Bean
	CassandraUserDetailsService userDetailsService(CqlOperations cql, SampleProperties properties) {
		return new CassandraUserDetailsService(cql, properties.keyspace());
	}

	// bcrypt for new hashes; the {id} prefix lets stored hashes move to another algorithm later.
	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
