package dev.cqlmigrations.core;

import org.jspecify.annotations.Nullable;

/**
 * Base of every error the migration engine reports. Messages are written for the operator: what
 * happened, which file, version or property, and what to do next.
 */
public class MigrationException extends RuntimeException {

	/**
	 * Creates a new instance.
	 * @param message the operator-facing message
	 */
	public MigrationException(String message) {
		super(message);
	}

	/**
	 * Creates a new instance.
	 * @param message the operator-facing message
	 * @param cause the underlying cause
	 */
	public MigrationException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
