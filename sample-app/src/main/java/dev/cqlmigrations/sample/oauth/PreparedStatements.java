package dev.cqlmigrations.sample.oauth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import org.springframework.data.cassandra.core.cql.CqlOperations;
import org.springframework.data.cassandra.core.cql.SessionCallback;

/**
 * Statements prepared on first use, not when the bean is created: on a fresh cluster the
 * tables only exist once the migrations have run, after the application context has started.
 */
final class PreparedStatements {

	private final CqlOperations cql;

	private final Map<String, PreparedStatement> statements = new ConcurrentHashMap<>();

	PreparedStatements(CqlOperations cql) {
		this.cql = cql;
	}

	PreparedStatement get(String cqlText) {
		PreparedStatement statement = this.statements.get(cqlText);
		if (statement == null) {
			// Not computeIfAbsent: preparing is a network round trip, never done under the map's lock.
			statement = this.cql.execute((SessionCallback<PreparedStatement>) (session) -> session.prepare(cqlText));
			this.statements.putIfAbsent(cqlText, statement);
		}
		return statement;
	}

}
