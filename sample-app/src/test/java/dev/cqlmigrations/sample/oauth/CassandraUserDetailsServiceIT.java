package dev.cqlmigrations.sample.oauth;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.cqlmigrations.sample.migrations.SampleMigrations;
import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.EmbeddedCassandra;
import dev.cqlmigrations.test.TestKeyspaces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.cassandra.core.cql.CqlTemplate;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@EmbeddedCassandra
class CassandraUserDetailsServiceIT {

	private static final String KEYSPACE = TestKeyspaces.unique("sample_users");

	private CassandraUserDetailsService users;

	@BeforeAll
	static void applyMigrations(CassandraNode node) {
		SampleMigrations.apply(node, KEYSPACE);
	}

	@BeforeEach
	void createService(CqlSession session) {
		this.users = new CassandraUserDetailsService(new CqlTemplate(session), KEYSPACE);
	}

	@Test
	void userIsFoundByNameWithItsPasswordHashAndRoles() {
		this.users.createIfAbsent(user("alice", "{bcrypt}hash", "USER", "ADMIN"), "alice@example.com");

		UserDetails alice = this.users.loadUserByUsername("alice");

		assertThat(alice.getUsername()).isEqualTo("alice");
		assertThat(alice.getPassword()).isEqualTo("{bcrypt}hash");
		assertThat(alice.getAuthorities()).extracting("authority").containsExactlyInAnyOrder("ROLE_USER", "ROLE_ADMIN");
		assertThat(alice.isEnabled()).isTrue();
	}

	@Test
	void userIsFoundByEmailThroughTheIndex() {
		this.users.createIfAbsent(user("bob", "{bcrypt}hash", "USER"), "bob@example.com");

		assertThat(this.users.loadUserByUsername("bob@example.com").getUsername()).isEqualTo("bob");
	}

	@Test
	void unknownUserIsNotFound() {
		assertThatExceptionOfType(UsernameNotFoundException.class)
			.isThrownBy(() -> this.users.loadUserByUsername("nobody"));
		assertThatExceptionOfType(UsernameNotFoundException.class)
			.isThrownBy(() -> this.users.loadUserByUsername("nobody@example.com"));
	}

	@Test
	void existingUserIsNotOverwritten() {
		assertThat(this.users.createIfAbsent(user("carol", "{bcrypt}first", "USER"), null)).isTrue();

		assertThat(this.users.createIfAbsent(user("carol", "{bcrypt}second", "ADMIN"), null)).isFalse();

		assertThat(this.users.loadUserByUsername("carol").getPassword()).isEqualTo("{bcrypt}first");
	}

	@Test
	void disabledUserIsLoadedAsDisabled() {
		this.users.createIfAbsent(User.withUsername("dave").password("{bcrypt}hash").roles("USER").disabled(true).build(),
				null);

		assertThat(this.users.loadUserByUsername("dave").isEnabled()).isFalse();
	}

	private static UserDetails user(String name, String password, String... roles) {
		return User.withUsername(name).password(password).roles(roles).build();
	}

}
