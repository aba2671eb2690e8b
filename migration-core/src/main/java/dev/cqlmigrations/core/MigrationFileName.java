package dev.cqlmigrations.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The parts of a migration script's file name: {@code V<version>__<description>.cql} for an up
 * script, {@code U<version>__<description>.cql} for its undo script.
 *
 * @param undo whether this is an undo script
 * @param version the version
 * @param description the description, underscores turned into spaces
 */
public record MigrationFileName(boolean undo, MigrationVersion version, String description) {

	private static final Pattern NAME = Pattern.compile("([VU])(\\d+(?:[._]\\d+)*)__(.*)\\.cql");

	private static final String EXPECTED = "expected V<version>__<description>.cql (up) or "
			+ "U<version>__<description>.cql (undo), e.g. V3__create_users.cql";

	/**
	 * Parses a file name.
	 * @param fileName the file name, without directories
	 * @return the parts
	 * @throws MigrationLoadException when the name does not have the expected form
	 */
	public static MigrationFileName parse(String fileName) {
		return parse(fileName, null);
	}

	/**
	 * Parses a file name, naming its location in errors.
	 * @param fileName the file name, without directories
	 * @param location where the file was found, or {@code null}
	 * @return the parts
	 */
	static MigrationFileName parse(String fileName, @Nullable String location) {
		Matcher matcher = NAME.matcher(fileName);
		if (!matcher.matches()) {
			String hint = (fileName.startsWith("v") || fileName.startsWith("u"))
					? " (the prefix is an upper-case V or U)" : "";
			throw invalid(fileName, location, EXPECTED + hint);
		}
		String description = matcher.group(3).replace('_', ' ').trim();
		if (description.isEmpty()) {
			throw invalid(fileName, location, "the description after '__' is empty; " + EXPECTED);
		}
		return new MigrationFileName(matcher.group(1).equals("U"), MigrationVersion.parse(matcher.group(2)),
				description);
	}

	private static MigrationLoadException invalid(String fileName, @Nullable String location, String problem) {
		String where = (location != null) ? " (" + location + ")" : "";
		return new MigrationLoadException(
				"File '" + fileName + "'" + where + " is not a valid migration name: " + problem);
	}

}
