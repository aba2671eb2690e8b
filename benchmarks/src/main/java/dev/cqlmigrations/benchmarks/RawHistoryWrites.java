package dev.cqlmigrations.benchmarks;

import java.time.Instant;
import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/**
 * The history writes the engine makes around one single-statement migration, issued with plain
 * driver calls against a table of the same shape: a full-row INSERT (IN_PROGRESS) before the
 * statement, a progress UPDATE after it, and a full-row INSERT (APPLIED). A diagnostic: a raw
 * loop with these writes shows what the engine's bookkeeping protocol costs by itself.
 */
final class RawHistoryWrites {

	private final CqlSession session;

	private final PreparedStatement insert;

	private final PreparedStatement progress;

	private RawHistoryWrites(CqlSession session, PreparedStatement insert, PreparedStatement progress) {
		this.session = session;
		this.insert = insert;
		this.progress = progress;
	}

	static String createTableCql(String keyspace) {
		return "CREATE TABLE " + keyspace + ".history_copy (scope text, version text, description text, type text, "
				+ "script text, checksum int, undo_script text, undo_checksum int, state text, statements_done int, "
				+ "statements_total int, done_checksum int, applied_at timestamp, rolled_back_at timestamp, "
				+ "execution_ms bigint, installed_by text, error text, audit list<text>, "
				+ "PRIMARY KEY ((scope), version))";
	}

	/** Prepares the statements, as the engine does once per run (inside the timing, like the engine). */
	static RawHistoryWrites prepare(CqlSession session, String keyspace) {
		PreparedStatement insert = session.prepare("INSERT INTO " + keyspace + ".history_copy (scope, version, "
				+ "description, type, script, checksum, undo_script, undo_checksum, state, statements_done, "
				+ "statements_total, done_checksum, applied_at, rolled_back_at, execution_ms, installed_by, error, "
				+ "audit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
		PreparedStatement progress = session.prepare("UPDATE " + keyspace + ".history_copy SET statements_done = ?, "
				+ "done_checksum = ? WHERE scope = ? AND version = ?");
		return new RawHistoryWrites(session, insert, progress);
	}

	void started(int version) {
		write(version, "IN_PROGRESS", 0, List.of());
	}

	void progressed(int version) {
		this.session.execute(this.progress.bind(1, version * 31, "default", Integer.toString(version))
			.setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM)
			.setIdempotent(true));
	}

	void applied(int version) {
		write(version, "APPLIED", 1, List.of(Instant.now() + " APPLIED by benchmark@localhost"));
	}

	private void write(int version, String state, int done, List<String> audit) {
		String name = "V" + version + "__create_table.cql";
		this.session.execute(this.insert
			.bind("default", Integer.toString(version), "create table", "CQL", name, version, null, null, state, done,
					1, done * version, Instant.now(), null, 0L, "benchmark@localhost", null, audit)
			.setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM)
			.setIdempotent(true));
	}

}
