package dev.cqlmigrations.core;

import java.io.IOException;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link ScriptScanner}.
 */
class ScriptScannerTest {

	@TempDir
	Path temp;

	private final ScriptScanner testClasspath = new ScriptScanner(getClass().getClassLoader());

	@Test
	void classpathDirectoryAndSubdirectories() {
		List<ScriptResource> scripts = this.testClasspath.scan(List.of("classpath:scanner/db"));
		assertThat(scripts).extracting(ScriptResource::fileName, ScriptResource::location, ScriptResource::content)
			.containsExactly(
					tuple("V1__a.cql", "classpath:scanner/db/V1__a.cql",
							"-- first\nCREATE TABLE a (k int PRIMARY KEY);\n"),
					tuple("V2__b.cql", "classpath:scanner/db/sub/V2__b.cql", "CREATE TABLE b (k int PRIMARY KEY);\n"));
	}

	@Test
	void classpathIsTheDefaultPrefixAndSlashesDoNotMatter() {
		List<ScriptResource> expected = this.testClasspath.scan(List.of("classpath:scanner/db"));
		assertThat(this.testClasspath.scan(List.of("scanner/db"))).isEqualTo(expected);
		assertThat(this.testClasspath.scan(List.of("classpath:/scanner/db/"))).isEqualTo(expected);
		assertThat(this.testClasspath.scan(List.of(" classpath:scanner/db "))).isEqualTo(expected);
	}

	@Test
	void subdirectoryOnly() {
		assertThat(this.testClasspath.scan(List.of("classpath:scanner/db/sub"))).extracting(ScriptResource::location)
			.containsExactly("classpath:scanner/db/sub/V2__b.cql");
	}

	@Test
	void missingClasspathLocationFailsNamingIt() {
		assertThatExceptionOfType(MigrationLoadException.class)
			.isThrownBy(() -> this.testClasspath.scan(List.of("classpath:scanner/db", "classpath:db/casandra")))
			.withMessageStartingWith("Migration location classpath:db/casandra does not exist on the classpath");
		assertThat(this.testClasspath.scan(List.of())).isEmpty();
	}

	@Test
	void plainJar() throws IOException {
		Path jar = jar("app.jar", Map.of("db/cassandra/V1__init.cql",
				"CREATE TABLE t (k int PRIMARY KEY, v text); -- Grüße",
				"db/cassandra/more/V2__more.cql", "DROP TABLE t;", "db/cassandra/notes.txt", "not a script",
				"db/cassandra/.trash/V3__old.cql", "hidden", "db/other/V9__other.cql", "elsewhere",
				"db/cassandra-old/V8__similar_prefix.cql", "not below the location"));
		try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
			List<ScriptResource> scripts = new ScriptScanner(loader).scan(List.of("classpath:db/cassandra"));
			assertThat(scripts).extracting(ScriptResource::fileName, ScriptResource::location, ScriptResource::content)
				.containsExactly(
						tuple("V1__init.cql", "classpath:db/cassandra/V1__init.cql",
								"CREATE TABLE t (k int PRIMARY KEY, v text); -- Grüße"),
						tuple("V2__more.cql", "classpath:db/cassandra/more/V2__more.cql", "DROP TABLE t;"));
		}
	}

	@Test
	void sameLocationInSeveralJarsAndDirectories() throws IOException {
		Path first = jar("first.jar", Map.of("db/cassandra/V1__first.cql", "1", "db/cassandra/V3__same.cql", "3a"));
		Path second = jar("second.jar", Map.of("db/cassandra/V2__second.cql", "2", "db/cassandra/V3__same.cql", "3b"));
		Path directory = write(this.temp.resolve("classes"), "db/cassandra/V4__directory.cql", "4");
		URL[] urls = { first.toUri().toURL(), second.toUri().toURL(), directory.toUri().toURL() };
		try (URLClassLoader loader = new URLClassLoader(urls, null)) {
			List<ScriptResource> scripts = new ScriptScanner(loader).scan(List.of("classpath:db/cassandra"));
			assertThat(scripts).extracting(ScriptResource::location, ScriptResource::content)
				.containsExactly(tuple("classpath:db/cassandra/V1__first.cql", "1"),
						tuple("classpath:db/cassandra/V2__second.cql", "2"),
						tuple("classpath:db/cassandra/V3__same.cql (in jar:" + first.toUri().toURL() + ")", "3a"),
						tuple("classpath:db/cassandra/V3__same.cql (in jar:" + second.toUri().toURL() + ")", "3b"),
						tuple("classpath:db/cassandra/V4__directory.cql", "4"));
		}
	}

	@Test
	void sameLocationInSeveralDirectoriesNamesTheirRoots() throws IOException {
		Path one = write(this.temp.resolve("one"), "db/cassandra/V1__x.cql", "a");
		Path two = write(this.temp.resolve("two"), "db/cassandra/V1__x.cql", "b");
		try (URLClassLoader loader = new URLClassLoader(new URL[] { one.toUri().toURL(), two.toUri().toURL() }, null)) {
			assertThat(new ScriptScanner(loader).scan(List.of("db/cassandra"))).extracting(ScriptResource::location)
				.containsExactly("classpath:db/cassandra/V1__x.cql (in " + one + ")",
						"classpath:db/cassandra/V1__x.cql (in " + two + ")");
		}
	}

	@Test
	void springBootFatJar() throws IOException {
		// What BOOT-INF/classes/ of an executable jar looks like through the nested jar support.
		Path classes = jar("classes.jar", Map.of("db/cassandra/V1__init.cql", "DROP TABLE t;",
				"db/cassandra/sub/V2__next.cql", "DROP TABLE u;", "db/other.cql", "outside"));
		FakeJarHandler handler = new FakeJarHandler(classes, "db/cassandra");
		URL url = new URL(null, "jar:nested:/app/app.jar/!BOOT-INF/classes/!/db/cassandra", handler);
		List<ScriptResource> scripts = new ScriptScanner(new FixedResources("db/cassandra", url))
			.scan(List.of("classpath:db/cassandra"));
		assertThat(scripts).extracting(ScriptResource::fileName, ScriptResource::location, ScriptResource::content)
			.containsExactly(tuple("V1__init.cql", "classpath:db/cassandra/V1__init.cql", "DROP TABLE t;"),
					tuple("V2__next.cql", "classpath:db/cassandra/sub/V2__next.cql", "DROP TABLE u;"));
		assertThat(handler.usedCaches).isFalse();
		// Not cached, so the scanner owns the jar file and must have closed it.
		assertThatIllegalStateException().isThrownBy(() -> handler.jarFile.entries());
	}

	@Test
	void jarRootEntry() throws IOException {
		Path classes = jar("classes.jar", Map.of("V1__init.cql", "DROP TABLE t;", "sub/V2__next.cql", "DROP TABLE u;"));
		FakeJarHandler handler = new FakeJarHandler(classes, null);
		URL url = new URL(null, "jar:nested:/app.jar/!BOOT-INF/classes/!/", handler);
		assertThat(new ScriptScanner(new FixedResources("", url)).scan(List.of("classpath:")))
			.extracting(ScriptResource::location)
			.containsExactly("classpath:V1__init.cql", "classpath:sub/V2__next.cql");
	}

	@Test
	void jarThatCannotBeOpened() throws IOException {
		URL url = new URL("jar:" + this.temp.resolve("missing.jar").toUri() + "!/db");
		assertThatExceptionOfType(MigrationLoadException.class)
			.isThrownBy(() -> new ScriptScanner(new FixedResources("db", url)).scan(List.of("db")))
			.withMessageStartingWith("Cannot open migration location classpath:db at " + url);
	}

	@Test
	void unsupportedUrl() throws IOException {
		URL url = new URL(null, "vfs:/content/app.war/db", new URLStreamHandler() {
			@Override
			protected URLConnection openConnection(URL u) {
				return new URLConnection(u) {
					@Override
					public void connect() {
					}
				};
			}
		});
		assertThatExceptionOfType(MigrationLoadException.class)
			.isThrownBy(() -> new ScriptScanner(new FixedResources("db", url)).scan(List.of("db")))
			.withMessage("Cannot search migration location classpath:db at vfs:/content/app.war/db: only directories "
					+ "and jar files are supported");
	}

	@Test
	void classLoaderFailure() {
		ClassLoader failing = new ClassLoader(null) {
			@Override
			public Enumeration<URL> getResources(String name) throws IOException {
				throw new IOException("broken index");
			}
		};
		assertThatExceptionOfType(MigrationLoadException.class)
			.isThrownBy(() -> new ScriptScanner(failing).scan(List.of("db/cassandra")))
			.withMessage("Cannot search the classpath for migration location classpath:db/cassandra: broken index");
	}

	@Test
	void fileUrlWithUnencodedCharacters() throws IOException {
		Path root = write(this.temp.resolve("with blank"), "db/V1__x.cql", "x");
		URL url = new URL("file:" + root.resolve("db"));
		assertThat(new ScriptScanner(new FixedResources("db", url)).scan(List.of("db")))
			.extracting(ScriptResource::location)
			.containsExactly("classpath:db/V1__x.cql");
	}

	@Test
	void fileUrlThatIsNoPath() throws IOException {
		URL url = new URL("file://remote-host/share/db");
		assertThatExceptionOfType(MigrationLoadException.class)
			.isThrownBy(() -> new ScriptScanner(new FixedResources("db", url)).scan(List.of("db")))
			.withMessageStartingWith("Cannot read migration location classpath:db at file://remote-host/share/db");
	}

	@Test
	void filesystemLocation() throws IOException {
		Path root = this.temp.resolve("migrations");
		write(root, "V1__a.cql", "a");
		write(root, "nested/deeper/V2__b.cql", "b");
		write(root, "V3__c.cql.bak", "not a script");
		write(root, ".V4__editor_lock.cql", "hidden");
		write(root, "._V5__mac_resource_fork.cql", "hidden");
		List<ScriptResource> scripts = scanner().scan(List.of("filesystem:" + root));
		assertThat(scripts).extracting(ScriptResource::fileName, ScriptResource::location, ScriptResource::content)
			.containsExactly(tuple("V1__a.cql", "filesystem:" + root + "/V1__a.cql", "a"),
					tuple("V2__b.cql", "filesystem:" + root + "/nested/deeper/V2__b.cql", "b"));
		assertThat(scanner().scan(List.of("filesystem:" + root + "/"))).isEqualTo(scripts);
	}

	@Test
	void relativeFilesystemLocation() throws IOException {
		Path root = write(this.temp.resolve("relative"), "V1__a.cql", "a");
		String relative = Path.of("").toAbsolutePath().relativize(root).toString();
		assertThat(scanner().scan(List.of("filesystem:" + relative))).extracting(ScriptResource::location)
			.containsExactly("filesystem:" + relative + "/V1__a.cql");
	}

	@Test
	void kubernetesConfigMapVolumeShowsEachScriptOnce() throws IOException {
		// A ConfigMap volume: the visible names link to ..data, which links to a timestamped directory.
		Path volume = Files.createDirectories(this.temp.resolve("volume"));
		Path data = write(volume.resolve("..2026_01_01_00_00_00.1"), "V1__init.cql", "DROP TABLE t;");
		Files.createSymbolicLink(volume.resolve("..data"), data.getFileName());
		Files.createSymbolicLink(volume.resolve("V1__init.cql"), Path.of("..data/V1__init.cql"));
		assertThat(scanner().scan(List.of("filesystem:" + volume)))
			.extracting(ScriptResource::location, ScriptResource::content)
			.containsExactly(tuple("filesystem:" + volume + "/V1__init.cql", "DROP TABLE t;"));
	}

	@Test
	void linkedDirectoriesAreFollowed() throws IOException {
		Path shared = write(this.temp.resolve("shared"), "V2__shared.cql", "b");
		Path root = write(this.temp.resolve("root"), "V1__a.cql", "a");
		Files.createSymbolicLink(root.resolve("common"), shared);
		assertThat(scanner().scan(List.of("filesystem:" + root))).extracting(ScriptResource::location)
			.containsExactly("filesystem:" + root + "/V1__a.cql", "filesystem:" + root + "/common/V2__shared.cql");
	}

	@Test
	void linkLoop() throws IOException {
		Path root = write(this.temp.resolve("loop"), "V1__a.cql", "a");
		Files.createSymbolicLink(root.resolve("again"), root);
		assertThatExceptionOfType(MigrationLoadException.class)
			.isThrownBy(() -> scanner().scan(List.of("filesystem:" + root)))
			.withMessageStartingWith("Cannot read migration location filesystem:" + root + ": ");
	}

	@Test
	void missingFilesystemLocation() {
		Path missing = this.temp.resolve("missing");
		assertThatExceptionOfType(MigrationLoadException.class)
			.isThrownBy(() -> scanner().scan(List.of("filesystem:" + missing)))
			.withMessage("Migration location filesystem:" + missing + " does not exist (resolved to " + missing
					+ "); create the directory or fix migrations.locations.");
	}

	@Test
	void filesystemLocationThatIsAFile() throws IOException {
		Path file = write(this.temp, "V1__a.cql", "a").resolve("V1__a.cql");
		assertThatExceptionOfType(MigrationLoadException.class)
			.isThrownBy(() -> scanner().scan(List.of("filesystem:" + file)))
			.withMessageStartingWith("Migration location filesystem:" + file + " is not a directory");
	}

	@Test
	void unknownPrefix() {
		assertThatExceptionOfType(MigrationLoadException.class)
			.isThrownBy(() -> scanner().scan(List.of("file:/opt/migrations")))
			.withMessage("Migration location 'file:/opt/migrations' has an unknown prefix: use classpath:path (the "
					+ "default) or filesystem:path in migrations.locations.");
	}

	@Test
	void scriptThatIsNotUtf8() throws IOException {
		Path root = Files.createDirectories(this.temp.resolve("latin1"));
		Files.write(root.resolve("V1__a.cql"),
				"INSERT INTO t (k, v) VALUES (1, 'Grüße');".getBytes(StandardCharsets.ISO_8859_1));
		assertThatExceptionOfType(MigrationLoadException.class)
			.isThrownBy(() -> scanner().scan(List.of("filesystem:" + root)))
			.withMessage("Migration script filesystem:" + root + "/V1__a.cql is not valid UTF-8 text; save it with "
					+ "UTF-8 encoding.");
	}

	@Test
	void danglingLinksAndDirectoriesAreNotScripts() throws IOException {
		Path root = Files.createDirectories(this.temp.resolve("dangling"));
		Files.createSymbolicLink(root.resolve("V1__a.cql"), root.resolve("nowhere"));
		Files.createDirectories(root.resolve("V2__directory.cql"));
		assertThat(scanner().scan(List.of("filesystem:" + root))).isEmpty();
	}

	@Test
	void severalLocationsAreSortedByLocation() throws IOException {
		Path b = write(this.temp.resolve("b"), "V2__b.cql", "b");
		Path a = write(this.temp.resolve("a"), "V3__a.cql", "a");
		assertThat(scanner().scan(List.of("filesystem:" + b, "classpath:scanner/db/sub", "filesystem:" + a)))
			.extracting(ScriptResource::location)
			.containsExactly("classpath:scanner/db/sub/V2__b.cql", "filesystem:" + a + "/V3__a.cql",
					"filesystem:" + b + "/V2__b.cql");
	}

	@Test
	void fileFoundTwiceCountsOnce() throws IOException {
		Path root = write(this.temp.resolve("twice"), "sub/V1__a.cql", "a");
		assertThat(scanner().scan(List.of("filesystem:" + root, "filesystem:" + root))).hasSize(1);
		assertThat(this.testClasspath.scan(List.of("classpath:scanner/db", "classpath:scanner/db/sub")))
			.extracting(ScriptResource::location)
			.containsExactly("classpath:scanner/db/V1__a.cql", "classpath:scanner/db/sub/V2__b.cql");
	}

	private ScriptScanner scanner() {
		return this.testClasspath;
	}

	private static Path write(Path root, String relativePath, String content) throws IOException {
		Path file = root.resolve(relativePath);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
		return root;
	}

	/** Writes a jar with directory entries, as build tools do. */
	private Path jar(String name, Map<String, String> files) throws IOException {
		Map<String, String> entries = new LinkedHashMap<>();
		for (String file : files.keySet().stream().sorted().toList()) {
			for (int slash = file.indexOf('/'); slash >= 0; slash = file.indexOf('/', slash + 1)) {
				entries.putIfAbsent(file.substring(0, slash + 1), null);
			}
			entries.put(file, files.get(file));
		}
		Path jar = this.temp.resolve(name);
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
			for (Map.Entry<String, String> entry : entries.entrySet()) {
				jarOut.putNextEntry(new JarEntry(entry.getKey()));
				if (entry.getValue() != null) {
					jarOut.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
				}
				jarOut.closeEntry();
			}
		}
		return jar;
	}

	/** A class loader that knows one resource, with whatever URL a test needs. */
	private static final class FixedResources extends ClassLoader {

		private final String name;

		private final URL url;

		FixedResources(String name, URL url) {
			super(null);
			this.name = name;
			this.url = url;
		}

		@Override
		public Enumeration<URL> getResources(String name) {
			List<URL> urls = new ArrayList<>();
			if (name.equals(this.name)) {
				urls.add(this.url);
			}
			return Collections.enumeration(urls);
		}

	}

	/**
	 * Opens {@code jar:nested:} URLs the way Spring Boot's loader does: the connection is a
	 * {@link JarURLConnection} whose jar file is the nested {@code BOOT-INF/classes/}.
	 */
	private static final class FakeJarHandler extends URLStreamHandler {

		private final Path jar;

		private final String entryName;

		private Boolean usedCaches;

		private JarFile jarFile;

		FakeJarHandler(Path jar, String entryName) {
			this.jar = jar;
			this.entryName = entryName;
		}

		@Override
		protected URLConnection openConnection(URL url) throws IOException {
			// JarURLConnection parses its URL; the nested: form needs Boot's handler, so hand it a plain one.
			return new JarURLConnection(new URL("jar:file:/unused.jar!/")) {

				@Override
				public JarFile getJarFile() throws IOException {
					FakeJarHandler.this.usedCaches = getUseCaches();
					FakeJarHandler.this.jarFile = new JarFile(FakeJarHandler.this.jar.toFile());
					return FakeJarHandler.this.jarFile;
				}

				@Override
				public String getEntryName() {
					return FakeJarHandler.this.entryName;
				}

				@Override
				public void connect() {
				}

			};
		}

	}

}
