package dev.cqlmigrations.core;

import com.datastax.oss.driver.api.core.CqlSession;
import org.jspecify.annotations.Nullable;

/**
 * A migration written in Java, for changes a script cannot express (data backfills, conditional
 * DDL). In a Spring application every bean of this type is picked up. The session passed in is
 * the engine's DDL session; schema agreement is awaited after {@code up} and {@code down}.
 */
public interface JavaMigration {

	/**
	 * The version, in the same dotted-number form as script names, e.g. {@code "4.1"}.
	 * @return the version
	 */
	String version();

	/**
	 * A short description, shown in status and history.
	 * @return the description
	 */
	String description();

	/**
	 * Applies the change.
	 * @param session the engine's session
	 * @throws Exception when the change fails; the migration is recorded as FAILED
	 */
	void up(CqlSession session) throws Exception;

	/**
	 * Whether {@link #down(CqlSession)} is implemented, so that this migration can be rolled back.
	 * @return {@code true} when it can be undone
	 */
	default boolean canUndo() {
		return false;
	}

	/**
	 * Undoes the change.
	 * @param session the engine's session
	 * @throws Exception when the undo fails
	 */
	default void down(CqlSession session) throws Exception {
		throw new UnsupportedOperationException("Migration " + version() + " has no down step");
	}

	/**
	 * A checksum that changes when the migration's behaviour changes, or {@code null} to skip
	 * checksum validation for it.
	 * @return the checksum, or {@code null}
	 */
	default @Nullable Integer checksum() {
		return null;
	}

}
