package dev.cqlmigrations.core;

import java.util.List;

/**
 * A migration found on disk or given as a {@link JavaMigration}, validated and ready to run.
 *
 * @param version the version
 * @param description the description (underscores of the file name turned into spaces)
 * @param type CQL or JAVA
 * @param script the up script's name (e.g. {@code V1__create_users.cql}) or the Java class name
 * @param checksum CRC32 of the up script (normalized line endings, no BOM, before placeholders),
 *        or the Java migration's checksum ({@code null} when it has none)
 * @param statements the up statements with placeholders replaced; empty for Java migrations
 * @param undoScript the undo script's name, {@code null} when there is none
 * @param undoChecksum CRC32 of the undo script, {@code null} when there is none
 * @param undoStatements the undo statements, empty when there is no undo script
 * @param javaMigration the Java migration, {@code null} for scripts
 */
public record ResolvedMigration(MigrationVersion version, String description, MigrationType type, String script,
		Integer checksum, List<CqlStatement> statements, String undoScript, Integer undoChecksum,
		List<CqlStatement> undoStatements, JavaMigration javaMigration) {

	/** Canonical constructor, copying the lists. */
	public ResolvedMigration {
		statements = List.copyOf(statements);
		undoStatements = List.copyOf(undoStatements);
	}

	/**
	 * Whether this migration can be rolled back.
	 * @return {@code true} when it has an undo script or a Java down step
	 */
	public boolean canUndo() {
		return (this.type == MigrationType.JAVA) ? this.javaMigration.canUndo() : this.undoScript != null;
	}

	/**
	 * Number of units of work of the up direction: statements, or 1 for a Java migration.
	 * @return the count used for progress and resume
	 */
	public int upStepCount() {
		return (this.type == MigrationType.JAVA) ? 1 : this.statements.size();
	}

}
