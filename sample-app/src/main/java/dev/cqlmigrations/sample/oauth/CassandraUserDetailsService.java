package dev.cqlmigrations.sample.oauth;

import java.util.Set;
import java.util.stream.Collectors;

import com.datastax.oss.driver.api.core.cql.Row;

import org.springframework.data.cassandra.core.cql.CqlOperations;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * {@link UserDetailsService} on the {@code users} table: users sign in with their user name
 * (the partition key) or with their e-mail address (found through the {@code users_email_idx}
 * index). Passwords are stored as {@code DelegatingPasswordEncoder} hashes.
 */
public class CassandraUserDetailsService implements UserDetailsService {

	private final CqlOperations cql;

	private final PreparedStatements statements;

	private final String selectUser;

	private final String selectUsernameByEmail;

	private final String insertUser;

	/**
	 * Creates a new instance.
	 * @param cql the CQL operations
	 * @param keyspace the keyspace of the table
	 */
	public CassandraUserDetailsService(CqlOperations cql, String keyspace) {
		this.cql = cql;
		this.statements = new PreparedStatements(cql);
		String users = keyspace + ".users";
		this.selectUser = "SELECT username, password, authorities, enabled FROM " + users + " WHERE username = ?";
		this.selectUsernameByEmail = "SELECT username FROM " + users + " WHERE email = ?";
		this.insertUser = "INSERT INTO " + users
				+ " (username, password, authorities, enabled, email) VALUES (?, ?, ?, ?, ?) IF NOT EXISTS";
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		Row row = findByUsername(username);
		if (row == null && username.indexOf('@') > 0) {
			Row byEmail = this.cql.queryForResultSet(this.statements.get(this.selectUsernameByEmail).bind(username))
				.one();
			row = (byEmail != null) ? findByUsername(byEmail.getString("username")) : null;
		}
		if (row == null) {
			throw new UsernameNotFoundException("No such user");
		}
		return User.withUsername(row.getString("username"))
			.password(row.getString("password"))
			.authorities(row.getSet("authorities", String.class).toArray(String[]::new))
			.disabled(!row.getBoolean("enabled"))
			.build();
	}

	/**
	 * Adds a user unless one with the same name exists.
	 * @param user the user, its password already encoded
	 * @param email the user's e-mail address, or {@code null}
	 * @return whether the user was added
	 */
	public boolean createIfAbsent(UserDetails user, String email) {
		Set<String> authorities = user.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.collect(Collectors.toSet());
		return this.cql.execute(this.statements.get(this.insertUser)
			.bind(user.getUsername(), user.getPassword(), authorities, user.isEnabled(), email));
	}

	private Row findByUsername(String username) {
		return this.cql.queryForResultSet(this.statements.get(this.selectUser).bind(username)).one();
	}

}
