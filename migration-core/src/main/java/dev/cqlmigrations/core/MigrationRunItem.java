package dev.cqlmigrations.core;

import java.util.List;

/**
 * One migration that a run applied or rolled back (or, in a dry run, would have).
 *
 * @param version the version
 * @param description the description
 * @param type CQL or JAVA
 * @param script the script that ran (undo script when rolling back)
 * @param statements the statements that ran or would run, in order
 * @param executionMillis how long it took, {@code 0} in a dry run
 */
public record MigrationRunItem(String version, String description, MigrationType type, String script,
		List<String> statements, long executionMillis) {

	/** Canonical constructor, copying the list. */
	public MigrationRunItem {
		statements = List.copyOf(statements);
	}

}
