package dev.cqlmigrations.core;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A migration version: dotted numbers compared numerically, part by part ({@code 1 < 2 < 10},
 * {@code 1.1 < 1.2 < 1.10}). Leading zeros and trailing {@code .0} parts do not matter, so
 * {@code 002}, {@code 2} and {@code 2.0} are the same version: equality, hash code and order
 * look at the numbers only. {@link #toString()} shows the version as it was written
 * ({@code V1.0__x.cql} is version {@code 1.0}); {@link #canonical()} is the form stored in the
 * history.
 *
 * @param parts the numeric parts, without trailing zeros (at least one part)
 * @param text the version as written (underscores as dots), {@code null} for the canonical form
 */
public record MigrationVersion(List<BigInteger> parts, @Nullable String text) implements Comparable<MigrationVersion> {

	private static final Pattern FORMAT = Pattern.compile("\\d+(\\.\\d+)*");

	/** Canonical constructor, trimming trailing zero parts. */
	public MigrationVersion {
		List<BigInteger> trimmed = new ArrayList<>(parts);
		while (trimmed.size() > 1 && trimmed.get(trimmed.size() - 1).signum() == 0) {
			trimmed.remove(trimmed.size() - 1);
		}
		parts = List.copyOf(trimmed);
	}

	/**
	 * A version in its canonical form.
	 * @param parts the numeric parts
	 */
	public MigrationVersion(List<BigInteger> parts) {
		this(parts, null);
	}

	/**
	 * Parses a version such as {@code 1}, {@code 1.2}, {@code 002} or {@code 20261123120000}.
	 * Underscores are accepted as separators too ({@code V1_2__x.cql} means version 1.2).
	 * @param text the version text
	 * @return the version
	 * @throws IllegalArgumentException when the text is not dotted numbers
	 */
	public static MigrationVersion parse(String text) {
		String normalized = (text != null) ? text.trim().replace('_', '.') : "";
		if (!FORMAT.matcher(normalized).matches()) {
			throw new IllegalArgumentException("'" + text + "' is not a version: use dotted numbers such as 1, 1.2 "
					+ "or 20261123120000");
		}
		List<BigInteger> parts = new ArrayList<>();
		for (String part : normalized.split("\\.")) {
			parts.add(new BigInteger(part));
		}
		return new MigrationVersion(parts, normalized);
	}

	@Override
	public int compareTo(MigrationVersion other) {
		int common = Math.min(this.parts.size(), other.parts.size());
		for (int i = 0; i < common; i++) {
			int result = this.parts.get(i).compareTo(other.parts.get(i));
			if (result != 0) {
				return result;
			}
		}
		return Integer.compare(this.parts.size(), other.parts.size());
	}

	/**
	 * Whether this version is newer than another.
	 * @param other the version to compare with
	 * @return {@code true} when this one sorts after {@code other}
	 */
	public boolean isNewerThan(MigrationVersion other) {
		return compareTo(other) > 0;
	}

	/**
	 * The canonical form: no leading zeros, no trailing {@code .0} parts.
	 * @return e.g. {@code 1.2} for {@code 001.2.0}
	 */
	public String canonical() {
		return this.parts.stream().map(BigInteger::toString).collect(Collectors.joining("."));
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof MigrationVersion version) && this.parts.equals(version.parts);
	}

	@Override
	public int hashCode() {
		return this.parts.hashCode();
	}

	/**
	 * The version as written, e.g. {@code 1.0} for {@code V1.0__x.cql}.
	 * @return the text
	 */
	@Override
	public String toString() {
		return (this.text != null) ? this.text : canonical();
	}

}
