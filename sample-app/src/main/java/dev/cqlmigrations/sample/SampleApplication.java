package dev.cqlmigrations.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import dev.cqlmigrations.cli.MigrateWithoutContext;

/**
 * An OAuth 2 authorization server whose users, clients, authorizations and consents live in
 * Cassandra, in tables created by the migrations under {@code db/cassandra}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {

	public static void main(String[] args) {
		// 'migrate help' and 'migrate create' end here, before Spring Boot starts.
		MigrateWithoutContext.runIfPossible(args);
		SpringApplication.run(SampleApplication.class, args);
	}

}
