package dev.cqlmigrations.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import dev.cqlmigrations.core.MigrationFileName;
import dev.cqlmigrations.core.MigrationLoadException;
import dev.cqlmigrations.core.MigrationLoader;
import dev.cqlmigrations.core.MigrationVersion;

/**
 * Writes the next {@code V<version>__<name>.cql} / {@code U<version>__<name>.cql} pair into a
 * directory, from a template. Works on files only: no cluster, no application context.
 * <p>
 * The version is the first part of the highest version in the directory plus one ({@code V7} →
 * {@code 8}, {@code V1.3} → {@code 2}), keeping the zero-padding of that file's version
 * ({@code V007} → {@code 008}); an empty directory starts at {@code 1}. A name may use letters,
 * digits and underscores; spaces and dashes become underscores. A name already used in the
 * directory, whatever its version, is refused, as is any other character: nothing is written then.
 */
public final class MigrationFileCreator {

	/** Where {@code create} writes when no {@code --dir} is given, relative to the working directory. */
	public static final String DEFAULT_DIRECTORY = "src/main/resources/db/cassandra";

	// The first part of a script's version as written, zero-padding included.
	private static final Pattern FIRST_PART = Pattern.compile("[VU](\\d+)");

	private static final Pattern SEPARATORS = Pattern.compile("[\\s-]+");

	private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9_]+");

	private final Clock clock;

	/**
	 * Creates a creator that dates templates with the system clock.
	 */
	public MigrationFileCreator() {
		this(Clock.systemDefaultZone());
	}

	/**
	 * Creates a creator.
	 * @param clock dates the template
	 */
	public MigrationFileCreator(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Writes the next pair of scripts.
	 * @param directory where to write; created when missing
	 * @param name the name as typed
	 * @return the up and the undo script written
	 * @throws UsageException when the name is not valid
	 * @throws MigrationFileException when the name is taken or the files cannot be written
	 */
	public CreatedMigration create(Path directory, String name) {
		String description = normalize(name);
		List<ExistingScript> existing = existingScripts(directory);
		for (ExistingScript script : existing) {
			if (script.description().equalsIgnoreCase(description.replace('_', ' '))) {
				throw new MigrationFileException("A migration named '" + description + "' already exists: "
						+ directory.resolve(script.fileName()) + ". Choose another name; nothing was written.");
			}
		}
		String version = nextVersion(existing);
		Path up = directory.resolve("V" + version + "__" + description + ".cql");
		Path undo = directory.resolve("U" + version + "__" + description + ".cql");
		if (Files.exists(directory) && !Files.isDirectory(directory)) {
			throw new MigrationFileException("Cannot write the migration into " + directory.toAbsolutePath()
					+ ": it is not a directory. Nothing was written.");
		}
		try {
			Files.createDirectories(directory);
			write(up, upTemplate(version, description));
			try {
				write(undo, undoTemplate(version, description, up.getFileName().toString()));
			}
			catch (IOException ex) {
				Files.deleteIfExists(up);
				throw ex;
			}
		}
		catch (FileAlreadyExistsException ex) {
			throw new MigrationFileException(ex.getFile() + " already exists; nothing was written.");
		}
		catch (IOException ex) {
			throw new MigrationFileException("Cannot write the migration into " + directory.toAbsolutePath() + ": "
					+ ex + ". Nothing was written.");
		}
		return new CreatedMigration(version, description, up, undo);
	}

	/**
	 * The description a name becomes in file names.
	 * @param name the name as typed
	 * @return the name with spaces and dashes turned into single underscores
	 * @throws UsageException when the name is empty or has characters other than letters, digits,
	 * underscores, spaces and dashes
	 */
	public static String normalize(String name) {
		String description = SEPARATORS.matcher(name.trim()).replaceAll("_").replaceAll("_{2,}", "_");
		description = description.replaceAll("^_+|_+$", "");
		if (description.isEmpty() || !VALID_NAME.matcher(description).matches()) {
			throw new UsageException("Invalid migration name '" + name + "': use letters, digits and underscores "
					+ "(spaces and dashes become underscores), e.g. add_user_email.");
		}
		return description;
	}

	private static List<ExistingScript> existingScripts(Path directory) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		List<ExistingScript> scripts = new ArrayList<>();
		try (Stream<Path> files = Files.list(directory)) {
			files.map((file) -> file.getFileName().toString()).forEach((fileName) -> {
				Matcher firstPart = FIRST_PART.matcher(fileName);
				if (fileName.endsWith(".cql") && firstPart.lookingAt()) {
					parse(fileName).ifPresent((parsed) -> scripts.add(new ExistingScript(fileName, firstPart.group(1),
							parsed.version(), parsed.description())));
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + directory, ex);
		}
		return scripts;
	}

	// The engine's own reading of script names; files it would not load are not migrations.
	private static Optional<MigrationFileName> parse(String fileName) {
		try {
			return Optional.of(MigrationFileName.parse(fileName));
		}
		catch (MigrationLoadException ex) {
			return Optional.empty();
		}
	}

	private static String nextVersion(List<ExistingScript> existing) {
		@Nullable ExistingScript latest = null;
		for (ExistingScript script : existing) {
			if (latest == null || script.version().isNewerThan(latest.version())) {
				latest = script;
			}
		}
		if (latest == null) {
			return "1";
		}
		String first = latest.firstPart();
		String next = new BigInteger(first).add(BigInteger.ONE).toString();
		// Zero-padded versions (V001) sort as text too; keep the width so that they still do.
		if (first.length() > 1 && first.startsWith("0") && next.length() < first.length()) {
			next = "0".repeat(first.length() - next.length()) + next;
		}
		return next;
	}

	private String upTemplate(String version, String description) {
		return "-- V" + version + ": " + description.replace('_', ' ') + "\n"
				+ "-- Created " + LocalDate.now(this.clock) + " by 'migrate create'. Write the change below in CQL,\n"
				+ "-- each statement ending with ';'. Unqualified table names resolve to migrations.keyspace.\n"
				+ "-- Once applied anywhere, leave this file as it is and add a new migration instead.\n"
				+ "-- " + MigrationLoader.TEMPLATE_MARKER + ": refused while it holds no statement.\n\n";
	}

	private static String undoTemplate(String version, String description, String upScript) {
		return "-- Undo of V" + version + " (" + description.replace('_', ' ') + "): statements that revert\n"
				+ "-- " + upScript + ", in reverse order, each ending with ';'.\n"
				+ "-- Run by 'migrate down' and by POST /actuator/migrations/rollback.\n"
				+ "-- " + MigrationLoader.TEMPLATE_MARKER + ": refused while it holds no statement.\n\n";
	}

	private static void write(Path file, String content) throws IOException {
		Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
				StandardOpenOption.WRITE);
	}

	/**
	 * A pair of scripts written by {@link MigrationFileCreator}.
	 *
	 * @param version the version, as in the file names
	 * @param description the description, as in the file names
	 * @param upScript the up script
	 * @param undoScript the undo script
	 */
	public record CreatedMigration(String version, String description, Path upScript, Path undoScript) {

	}

	private record ExistingScript(String fileName, String firstPart, MigrationVersion version, String description) {

	}

}
