package dev.cqlmigrations.benchmarks;

import java.time.Duration;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

/**
 * Creates and drops the benchmark keyspaces, outside the timed sections.
 */
final class Keyspaces {

	static final Duration AGREEMENT_TIMEOUT = Duration.ofSeconds(30);

	private Keyspaces() {
	}

	static void create(CqlSession session, String keyspace) {
		session.execute("CREATE KEYSPACE " + keyspace
				+ " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
		PerNodeAgreement.await(session, AGREEMENT_TIMEOUT);
	}

	static void drop(CqlSession session, String keyspace) {
		session.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace)
			.setTimeout(Duration.ofMinutes(2)));
		PerNodeAgreement.await(session, AGREEMENT_TIMEOUT);
	}

}
