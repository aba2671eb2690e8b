package dev.cqlmigrations.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.ReadFailureException;
import org.jspecify.annotations.Nullable;

/**
 * The history table: every version in one partition, so that reading the whole history is one
 * query whatever its size. Writes at the configured write consistency, reads at the read
 * consistency.
 */
final class HistoryTable {

	/** The one partition holding the history. */
	static final String PARTITION = "default";

	private static final String COLUMNS = "version, description, type, script, checksum, undo_script, undo_checksum, "
			+ "state, statements_done, statements_total, done_checksum, applied_at, rolled_back_at, execution_ms, "
			+ "installed_by, error, audit";

	private final CqlSession session;

	private final MigrationSettings settings;

	private final String table;

	private @Nullable PreparedStatement save;

	private @Nullable PreparedStatement progress;

	private @Nullable PreparedStatement delete;

	private @Nullable HistoryEntry deferred;

	HistoryTable(CqlSession session, MigrationSettings settings) {
		this.session = session;
		this.settings = settings;
		this.table = settings.keyspace() + "." + settings.historyTable();
	}

	/**
	 * The CQL creating the table. The table id is derived from its name so that instances racing
	 * to create it on different coordinators create the very same table.
	 */
	String createTableCql() {
		return "CREATE TABLE IF NOT EXISTS " + this.table + " (scope text, version text, description text, type text, "
				+ "script text, checksum int, undo_script text, undo_checksum int, state text, statements_done int, "
				+ "statements_total int, done_checksum int, applied_at timestamp, rolled_back_at timestamp, "
				+ "execution_ms bigint, installed_by text, error text, audit list<text>, "
				+ "PRIMARY KEY ((scope), version)) WITH id = " + stableId(this.table);
	}

	static UUID stableId(String qualifiedTable) {
		return UUID.nameUUIDFromBytes(("cqlmigrations:" + qualifiedTable).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads the whole history in one query.
	 * @return every entry, ordered by version; empty when the table does not exist yet
	 */
	List<HistoryEntry> readAll() {
		SimpleStatement select = SimpleStatement
			.newInstance("SELECT " + COLUMNS + " FROM " + this.table + " WHERE scope = ?", PARTITION)
			.setConsistencyLevel(this.settings.readConsistency())
			.setIdempotent(true);
		List<HistoryEntry> entries = new ArrayList<>();
		try {
			for (Row row : executeWhileTableIsCreated(select)) {
				entries.add(toEntry(row, this.table));
			}
		}
		catch (InvalidQueryException ex) {
			if (isMissingTable(ex)) {
				return List.of();
			}
			throw new MigrationException("Table " + this.table + " exists but is not a migration history this engine "
					+ "can read: " + ex.getMessage() + ". Point migrations.history-table (or migrations.keyspace) at "
					+ "another table; the engine creates its own.", ex);
		}
		catch (DriverException ex) {
			InsufficientReplicasException replicas = InsufficientReplicasException.from(this.session, ex,
					"read the migration history " + this.table, true);
			if (replicas != null) {
				throw replicas;
			}
			throw new MigrationException("Cannot read the migration history " + this.table + " at "
					+ this.settings.readConsistency() + ": " + ex.getMessage() + ". Check that enough replicas are up "
					+ "(nodetool status), or set migrations.consistency.read to a lower level.", ex);
		}
		entries.sort(Comparator.comparing(HistoryEntry::version));
		return entries;
	}

	/**
	 * Runs a read, retrying briefly while another instance is creating the table: a node can know
	 * the table's schema a moment before it can serve it ("Unknown CF"), or before the other
	 * replicas do.
	 */
	private ResultSet executeWhileTableIsCreated(SimpleStatement select) {
		// A replica in another datacenter may not know the new table yet while its creator still
		// waits for agreement: it fails the read (seen with racers in two datacenters).
		return Retry.upTo(20, (attempt) -> Duration.ofMillis(50L * attempt),
				(ex) -> ex instanceof DriverException && (isTableBeingCreated(ex) || ex instanceof ReadFailureException),
				HistoryTable::interrupted,
				() -> this.session.execute(select));
	}

	static boolean isTableBeingCreated(RuntimeException ex) {
		return String.valueOf(ex.getMessage()).contains("Unknown CF");
	}

	private static MigrationException interrupted() {
		return new MigrationException("Interrupted while reading the migration history");
	}

	static boolean isMissingTable(InvalidQueryException ex) {
		String message = String.valueOf(ex.getMessage()).toLowerCase(Locale.ROOT);
		return message.contains("unconfigured table") || message.contains("does not exist")
				|| message.contains("doesn't exist");
	}

	// A row written by something else than the engine (a migration, a person) can lack what the engine needs.
	static HistoryEntry toEntry(Row row, String table) {
		String version = row.getString("version");
		try {
			return toEntry(row);
		}
		catch (RuntimeException ex) {
			throw new MigrationException("The history row of version '" + version + "' in " + table + " cannot be "
					+ "read: " + invalidColumns(row) + ". It was not written by the migration engine (a migration "
					+ "or a person changed the history table). Restore the row (version, type and state are "
					+ "required), or delete it and run 'migrate repair'; never write to the history table from a "
					+ "migration.", ex);
		}
	}

	private static String invalidColumns(Row row) {
		List<String> problems = new ArrayList<>();
		for (String column : List.of("type", "state")) {
			String value = row.getString(column);
			if (value == null) {
				problems.add("column '" + column + "' is null");
			}
		}
		String type = row.getString("type");
		if (type != null && Arrays.stream(MigrationType.values()).noneMatch((t) -> t.name().equals(type))) {
			problems.add("type '" + type + "' is not one of " + Arrays.toString(MigrationType.values()));
		}
		String state = row.getString("state");
		if (state != null && Arrays.stream(HistoryState.values()).noneMatch((s) -> s.name().equals(state))) {
			problems.add("state '" + state + "' is not one of " + Arrays.toString(HistoryState.values()));
		}
		return problems.isEmpty() ? "its version is not a valid version" : String.join(", ", problems);
	}

	private static HistoryEntry toEntry(Row row) {
		return new HistoryEntry(MigrationVersion.parse(row.getString("version")), row.getString("description"),
				MigrationType.valueOf(row.getString("type")), row.getString("script"), boxedInt(row, "checksum"),
				row.getString("undo_script"), boxedInt(row, "undo_checksum"), HistoryState.valueOf(row.getString("state")),
				row.getInt("statements_done"), row.getInt("statements_total"), boxedInt(row, "done_checksum"),
				row.getInstant("applied_at"), row.getInstant("rolled_back_at"), row.getLong("execution_ms"),
				row.getString("installed_by"), row.getString("error"), row.getList("audit", String.class));
	}

	private static @Nullable Integer boxedInt(Row row, String column) {
		return row.isNull(column) ? null : row.getInt(column);
	}

	/**
	 * Writes a whole entry, replacing the row of its version; an entry held back by
	 * {@link #saveWithNext} goes in the same single-partition batch (one round trip, atomic).
	 * @param entry the entry
	 */
	void save(HistoryEntry entry) {
		HistoryEntry earlier = this.deferred;
		this.deferred = null;
		if (earlier == null) {
			write(bind(entry).setConsistencyLevel(this.settings.writeConsistency()).setIdempotent(true));
			return;
		}
		write(BatchStatement.newInstance(DefaultBatchType.UNLOGGED, bind(earlier), bind(entry))
			.setConsistencyLevel(this.settings.writeConsistency())
			.setIdempotent(true));
	}

	private void write(Statement<?> statement) {
		try {
			this.session.execute(statement);
		}
		catch (DriverException ex) {
			InsufficientReplicasException replicas = InsufficientReplicasException.from(this.session, ex,
					"write the migration history " + this.table, false);
			if (replicas != null) {
				throw replicas;
			}
			throw ex;
		}
	}

	/**
	 * Holds an entry back until the next {@link #save}, which writes both at once: the APPLIED row
	 * of one migration travels with the IN_PROGRESS row of the next. {@link #flush()} writes it
	 * when no save follows.
	 * @param entry the entry
	 */
	void saveWithNext(HistoryEntry entry) {
		flush();
		this.deferred = entry;
	}

	/**
	 * Writes an entry held back by {@link #saveWithNext}, if any.
	 */
	void flush() {
		HistoryEntry earlier = this.deferred;
		if (earlier != null) {
			this.deferred = null;
			save(earlier);
		}
	}

	private BoundStatement bind(HistoryEntry entry) {
		if (this.save == null) {
			this.save = this.session.prepare("INSERT INTO " + this.table + " (scope, " + COLUMNS
					+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
		}
		return this.save.bind(PARTITION, entry.version().canonical(), entry.description(), entry.type().name(),
				entry.script(), entry.checksum(), entry.undoScript(), entry.undoChecksum(), entry.state().name(),
				entry.statementsDone(), entry.statementsTotal(), entry.doneChecksum(), entry.appliedAt(),
				entry.rolledBackAt(), entry.executionMillis(), entry.installedBy(), entry.error(), entry.audit());
	}

	/**
	 * Records that another statement ran, cheaply (three columns).
	 * @param version the version
	 * @param statementsDone statements done so far
	 * @param doneChecksum checksum of the statements done
	 */
	void recordProgress(MigrationVersion version, int statementsDone, @Nullable Integer doneChecksum) {
		if (this.progress == null) {
			this.progress = this.session.prepare("UPDATE " + this.table
					+ " SET statements_done = ?, done_checksum = ? WHERE scope = ? AND version = ?");
		}
		write(this.progress.bind(statementsDone, doneChecksum, PARTITION, version.canonical())
			.setConsistencyLevel(this.settings.writeConsistency())
			.setIdempotent(true));
	}

	/**
	 * Removes the row of a version (repair of a failed first application).
	 * @param version the version
	 */
	void delete(MigrationVersion version) {
		if (this.delete == null) {
			this.delete = this.session.prepare("DELETE FROM " + this.table + " WHERE scope = ? AND version = ?");
		}
		write(this.delete.bind(PARTITION, version.canonical())
			.setConsistencyLevel(this.settings.writeConsistency())
			.setIdempotent(true));
	}

}
