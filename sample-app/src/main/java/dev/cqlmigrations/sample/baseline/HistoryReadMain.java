package dev.cqlmigrations.sample.baseline;

import java.net.InetSocketAddress;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * Baseline of the command-line benchmark (docs/benchmarks.md): the least a no-op
 * {@code migrate status} or {@code migrate up} has to do, launched from the packaged sample
 * through Spring Boot's launcher: open a driver session, read the history partition, close.
 */
public final class HistoryReadMain {

	private HistoryReadMain() {
	}

	/**
	 * Reads the history.
	 * @param args {@code host:port datacenter username password keyspace.table}
	 */
	public static void main(String[] args) {
		String[] hostAndPort = args[0].split(":");
		CqlSessionBuilder builder = CqlSession.builder()
			.addContactPoint(new InetSocketAddress(hostAndPort[0], Integer.parseInt(hostAndPort[1])))
			.withLocalDatacenter(args[1])
			.withAuthCredentials(args[2], args[3]);
		try (CqlSession session = builder.build()) {
			int rows = 0;
			for (Row row : session.execute("SELECT * FROM " + args[4] + " WHERE scope = 'default'")) {
				rows += (row.getString("version") != null) ? 1 : 0;
			}
			System.out.println(rows + " history rows");
		}
	}

}
