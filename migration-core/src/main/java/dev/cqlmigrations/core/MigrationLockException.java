package dev.cqlmigrations.core;

import org.jspecify.annotations.Nullable;

/**
 * The cluster-wide migration lock could not be taken in time, or was lost while work ran.
 */
public class MigrationLockException extends MigrationException {

	private final @Nullable String holder;

	/**
	 * Creates a new instance.
	 * @param message what happened and what to do
	 * @param holder who holds the lock, if known
	 */
	public MigrationLockException(String message, @Nullable String holder) {
		super(message);
		this.holder = holder;
	}

	/**
	 * Who held the lock when this was thrown, or {@code null} when unknown.
	 * @return the holder's description
	 */
	public @Nullable String getHolder() {
		return this.holder;
	}

}
