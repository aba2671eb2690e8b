package dev.cqlmigrations.core;

import org.jspecify.annotations.Nullable;

/**
 * Another run holds the migration lock and the operation was not allowed to wait for it (a
 * rollback through the actuator endpoint, for example). Nothing was changed.
 */
public class MigrationLockHeldException extends MigrationLockException {

	/**
	 * Creates a new instance.
	 * @param message who holds the lock and what to do
	 * @param holder who holds the lock
	 */
	public MigrationLockHeldException(String message, @Nullable String holder) {
		super(message, holder);
	}

}
