package dev.cqlmigrations.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Finds the {@code .cql} files of migration locations: {@code classpath:path} (the default when
 * a location has no prefix) or {@code filesystem:path}. Subdirectories are searched too. Files and
 * directories whose name starts with a dot are skipped, such as the {@code ..data} links of a
 * Kubernetes ConfigMap volume, which would otherwise show every script twice.
 * <p>
 * A classpath location is searched in every directory and jar that holds it, including the
 * nested jars of a Spring Boot executable jar.
 */
public final class ScriptScanner {

	private static final String CLASSPATH = "classpath:";

	private static final String FILESYSTEM = "filesystem:";

	private static final Pattern OTHER_PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]+:.*");

	private static final String SUFFIX = ".cql";

	private final ClassLoader classLoader;

	/**
	 * Creates a new instance.
	 * @param classLoader the class loader searched for classpath locations
	 */
	public ScriptScanner(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	/**
	 * Finds the scripts of the given locations.
	 * @param locations the locations
	 * @return every {@code .cql} file found, sorted by location
	 * @throws MigrationLoadException when a location does not exist, has an unknown prefix, or a
	 * file cannot be read
	 */
	public List<ScriptResource> scan(List<String> locations) {
		List<FoundScript> found = new ArrayList<>();
		for (String location : locations) {
			String trimmed = location.trim();
			if (trimmed.startsWith(FILESYSTEM)) {
				if (trimmed.substring(FILESYSTEM.length()).isBlank()) {
					// Path.of("") is the working directory: scanning it would pick up whatever lies there.
					throw new MigrationLoadException("Migration location '" + location + "' in migrations.locations "
							+ "has no path; write filesystem:/path/to/scripts.");
				}
				scanFilesystem(trimmed, trimmed.substring(FILESYSTEM.length()), found);
			}
			else if (trimmed.startsWith(CLASSPATH)) {
				scanClasspath(trimmed.substring(CLASSPATH.length()), found);
			}
			else if (OTHER_PREFIX.matcher(trimmed).matches()) {
				throw new MigrationLoadException("Migration location '" + location + "' has an unknown prefix: use "
						+ "classpath:path (the default) or filesystem:path in migrations.locations.");
			}
			else {
				scanClasspath(trimmed, found);
			}
		}
		return resources(found);
	}

	private void scanFilesystem(String location, String path, List<FoundScript> found) {
		Path directory = Path.of(path);
		if (!Files.isDirectory(directory)) {
			String problem = Files.exists(directory) ? "is not a directory" : "does not exist";
			throw new MigrationLoadException("Migration location " + location + " " + problem + " (resolved to "
					+ directory.toAbsolutePath() + "); create the directory or fix migrations.locations.");
		}
		String base = location.endsWith("/") && path.length() > 1
				? location.substring(0, location.length() - 1) : location;
		walk(directory, base, directory.toAbsolutePath().toString(), found);
	}

	private void scanClasspath(String path, List<FoundScript> found) {
		String resourcePath = path;
		while (resourcePath.startsWith("/")) {
			resourcePath = resourcePath.substring(1);
		}
		while (resourcePath.endsWith("/")) {
			resourcePath = resourcePath.substring(0, resourcePath.length() - 1);
		}
		String location = CLASSPATH + resourcePath;
		Enumeration<URL> urls;
		try {
			urls = this.classLoader.getResources(resourcePath);
		}
		catch (IOException ex) {
			throw new MigrationLoadException("Cannot search the classpath for migration location " + location + ": "
					+ ex.getMessage(), ex);
		}
		List<URL> roots = Collections.list(urls);
		if (roots.isEmpty()) {
			// A typo in a location would otherwise look like "nothing to migrate" and start fine.
			throw new MigrationLoadException("Migration location " + location + " does not exist on the classpath; "
					+ "fix migrations.locations (default classpath:db/cassandra) or create the directory (e.g. "
					+ "src/main/resources/" + resourcePath + ").");
		}
		for (URL url : roots) {
			if ("file".equals(url.getProtocol())) {
				Path directory = toPath(url, location);
				walk(directory, location, classpathRoot(directory, resourcePath).toString(), found);
			}
			else {
				JarScripts.scan(url, location, found);
			}
		}
	}

	private static Path toPath(URL url, String location) {
		try {
			return Path.of(url.toURI());
		}
		catch (URISyntaxException ex) {
			// Class loaders built from File.toURL() leave blanks and the like unencoded.
			return Path.of(url.getPath());
		}
		catch (IllegalArgumentException ex) {
			throw new MigrationLoadException("Cannot read migration location " + location + " at " + url + ": "
					+ ex.getMessage(), ex);
		}
	}

	/** The directory of the classpath that holds a location, to tell copies apart in messages. */
	private static Path classpathRoot(Path directory, String resourcePath) {
		Path root = directory;
		int depth = resourcePath.isEmpty() ? 0 : resourcePath.split("/").length;
		for (int i = 0; i < depth && root.getParent() != null; i++) {
			root = root.getParent();
		}
		return root;
	}

	private static void walk(Path root, String location, String origin, List<FoundScript> found) {
		try (Stream<Path> paths = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
			List<Path> files = paths.filter((path) -> isScript(root.relativize(path).toString().replace('\\', '/')))
				.filter(Files::isRegularFile)
				.toList();
			for (Path file : files) {
				String relative = root.relativize(file).toString().replace('\\', '/');
				String fileLocation = child(location, relative);
				found.add(new FoundScript(file.getFileName().toString(), fileLocation, origin,
						file.toAbsolutePath().normalize().toString(), decode(readScript(file, fileLocation),
								fileLocation)));
			}
		}
		catch (IOException ex) {
			throw new MigrationLoadException("Cannot read migration location " + location + ": " + reason(ex), ex);
		}
		catch (UncheckedIOException ex) {
			throw new MigrationLoadException("Cannot read migration location " + location + ": "
					+ reason(Objects.requireNonNull(ex.getCause(), "an UncheckedIOException always has a cause")), ex);
		}
	}

	private static byte[] readScript(Path file, String location) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new MigrationLoadException("Cannot read migration script " + location + " ("
					+ file.toAbsolutePath() + "): " + reason(ex) + ". Make the file readable by the user running "
					+ "migrations, or remove it.", ex);
		}
	}

	// Some file system exceptions carry only the path as their message.
	static String reason(IOException ex) {
		if (ex instanceof AccessDeniedException) {
			return "permission denied";
		}
		if (ex instanceof NoSuchFileException) {
			return "the file disappeared while migrations were loaded";
		}
		if (ex instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
			return fileSystem.getReason();
		}
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	/** The location of a file below a location, as shown in messages and the history. */
	static String child(String location, String relativePath) {
		return location.endsWith(":") ? location + relativePath : location + "/" + relativePath;
	}

	/**
	 * Whether a path below a location is a script: a {@code .cql} file, with no part of the path
	 * hidden.
	 */
	static boolean isScript(String relativePath) {
		if (!relativePath.endsWith(SUFFIX)) {
			return false;
		}
		for (String part : relativePath.split("/")) {
			if (part.startsWith(".")) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The text of a script.
	 * @throws MigrationLoadException naming the script when it is not UTF-8
	 */
	static String decode(byte[] bytes, String location) {
		try {
			return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
		}
		catch (CharacterCodingException ex) {
			throw new MigrationLoadException("Migration script " + location + " is not valid UTF-8 text; save it "
					+ "with UTF-8 encoding.", ex);
		}
	}

	/**
	 * Sorts by location and, where one classpath location exists in several directories or jars,
	 * adds to the location where each copy is, so that messages about them can tell them apart.
	 * A file found twice (a location listed twice, or inside another location) counts once.
	 */
	private static List<ScriptResource> resources(List<FoundScript> found) {
		Map<String, List<FoundScript>> byLocation = new LinkedHashMap<>();
		Set<String> seen = new HashSet<>();
		for (FoundScript each : found) {
			if (seen.add(each.identity())) {
				byLocation.computeIfAbsent(each.location(), (key) -> new ArrayList<>()).add(each);
			}
		}
		List<ScriptResource> resources = new ArrayList<>();
		for (List<FoundScript> same : byLocation.values()) {
			for (FoundScript each : same) {
				String location = (same.size() > 1) ? each.location() + " (in " + each.origin() + ")"
						: each.location();
				resources.add(new ScriptResource(each.fileName(), location, each.content()));
			}
		}
		resources.sort(Comparator.comparing(ScriptResource::location));
		return resources;
	}

}
