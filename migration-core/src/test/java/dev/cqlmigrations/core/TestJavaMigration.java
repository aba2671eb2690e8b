package dev.cqlmigrations.core;

/**
 * A Java migration for tests: version and description given, {@code up} left to the test.
 */
abstract class TestJavaMigration implements JavaMigration {

	private final String version;

	private final String description;

	TestJavaMigration(String version, String description) {
		this.version = version;
		this.description = description;
	}

	@Override
	public String version() {
		return this.version;
	}

	@Override
	public String description() {
		return this.description;
	}

}
