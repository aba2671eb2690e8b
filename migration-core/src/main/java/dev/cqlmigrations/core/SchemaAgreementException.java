package dev.cqlmigrations.core;

/**
 * The nodes of the cluster did not agree on one schema version in time after a schema change.
 */
public class SchemaAgreementException extends MigrationException {

	/**
	 * Creates a new instance.
	 * @param message which nodes disagreed and what to do
	 */
	public SchemaAgreementException(String message) {
		super(message);
	}

}
