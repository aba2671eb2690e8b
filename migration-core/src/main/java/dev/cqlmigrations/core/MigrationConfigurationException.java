package dev.cqlmigrations.core;

/**
 * A setting of the engine is invalid: a keyspace or table name, the replication, a target
 * version that does not exist. Names the setting.
 */
public class MigrationConfigurationException extends MigrationException {

	/**
	 * Creates a new instance.
	 * @param message which setting is wrong and what to do
	 */
	public MigrationConfigurationException(String message) {
		super(message);
	}

}
