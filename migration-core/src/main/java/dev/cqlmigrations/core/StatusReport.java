package dev.cqlmigrations.core;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The state of every migration, built from the files and one read of the history.
 *
 * @param keyspace the keyspace of the history
 * @param currentVersion the latest applied version, {@code null} when none
 * @param migrations every migration, ordered by version
 * @param problems what validation would reject, one sentence each; empty when valid
 */
public record StatusReport(String keyspace, @Nullable String currentVersion, List<MigrationInfo> migrations,
		List<String> problems) {

	/** Canonical constructor, copying the lists. */
	public StatusReport {
		migrations = List.copyOf(migrations);
		problems = List.copyOf(problems);
	}

	/**
	 * Number of migrations per state, every state present.
	 * @return the counts
	 */
	public Map<MigrationState, Integer> counts() {
		Map<MigrationState, Integer> counts = new EnumMap<>(MigrationState.class);
		for (MigrationState state : MigrationState.values()) {
			counts.put(state, 0);
		}
		this.migrations.forEach((info) -> counts.merge(info.state(), 1, Integer::sum));
		return counts;
	}

	/**
	 * Number of migrations the next migrate would run.
	 * @return the pending count
	 */
	public int pendingCount() {
		return (int) this.migrations.stream().filter((info) -> info.state().isPending()).count();
	}

	/**
	 * Number of migrations in the given state.
	 * @param state the state
	 * @return the count
	 */
	public int count(MigrationState state) {
		return (int) this.migrations.stream().filter((info) -> info.state() == state).count();
	}

}
