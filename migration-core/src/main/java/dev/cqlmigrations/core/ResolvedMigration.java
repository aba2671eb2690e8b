package dev.cqlmigrations.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

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
 * @param statementPlaceholders per up statement, the placeholder values it was built with, by name;
 *        empty when not tracked
 */
public record ResolvedMigration(MigrationVersion version, String description, MigrationType type, String script,
		@Nullable Integer checksum, List<CqlStatement> statements, @Nullable String undoScript,
		@Nullable Integer undoChecksum, List<CqlStatement> undoStatements, @Nullable JavaMigration javaMigration,
		List<Map<String, String>> statementPlaceholders) {

	/** Canonical constructor, copying the lists. */
	public ResolvedMigration {
		statements = List.copyOf(statements);
		undoStatements = List.copyOf(undoStatements);
		statementPlaceholders = List.copyOf(statementPlaceholders);
	}

	/**
	 * Creates a migration without placeholder tracking.
	 * @param version the version
	 * @param description the description
	 * @param type CQL or JAVA
	 * @param script the up script's name or the Java class name
	 * @param checksum the checksum of the up script
	 * @param statements the up statements
	 * @param undoScript the undo script's name, or {@code null}
	 * @param undoChecksum the undo script's checksum, or {@code null}
	 * @param undoStatements the undo statements
	 * @param javaMigration the Java migration, or {@code null}
	 */
	public ResolvedMigration(MigrationVersion version, String description, MigrationType type, String script,
			@Nullable Integer checksum, List<CqlStatement> statements, @Nullable String undoScript,
			@Nullable Integer undoChecksum, List<CqlStatement> undoStatements, @Nullable JavaMigration javaMigration) {
		this(version, description, type, script, checksum, statements, undoScript, undoChecksum, undoStatements,
				javaMigration, List.of());
	}

	/**
	 * The placeholder values that the first up statements were built with.
	 * @param count how many statements
	 * @return the values by name, in order of first use; empty when none (or not tracked)
	 */
	public Map<String, String> placeholdersOf(int count) {
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < Math.min(count, this.statementPlaceholders.size()); i++) {
			values.putAll(this.statementPlaceholders.get(i));
		}
		return values;
	}

	/**
	 * Whether this migration can be rolled back.
	 * @return {@code true} when it has an undo script or a Java down step
	 */
	public boolean canUndo() {
		return (this.type == MigrationType.JAVA) ? java().canUndo() : this.undoScript != null;
	}

	/**
	 * The Java migration behind a JAVA migration.
	 * @return the Java migration
	 * @throws IllegalStateException when this is a script migration
	 */
	JavaMigration java() {
		if (this.javaMigration == null) {
			throw new IllegalStateException("V" + this.version + " is a script migration, not a Java migration");
		}
		return this.javaMigration;
	}

	/**
	 * What undoes this migration, as shown to operators: the undo script's name, or the Java class.
	 * @return the name
	 * @throws IllegalStateException when it cannot be undone
	 */
	String undoSource() {
		if (this.type == MigrationType.JAVA) {
			return this.script;
		}
		if (this.undoScript == null) {
			throw new IllegalStateException("V" + this.version + " has no undo script");
		}
		return this.undoScript;
	}

	/**
	 * Number of units of work of the up direction: statements, or 1 for a Java migration.
	 * @return the count used for progress and resume
	 */
	public int upStepCount() {
		return (this.type == MigrationType.JAVA) ? 1 : this.statements.size();
	}

}
