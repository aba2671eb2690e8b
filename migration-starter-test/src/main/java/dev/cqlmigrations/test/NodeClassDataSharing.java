package dev.cqlmigrations.test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An application class-data sharing (AppCDS) archive of a node's classes, built on first use and
 * kept in {@code ~/.cache/cqlmigrations/node-cds} (or {@code -Dcqlmigrations.node.cds-dir}), one
 * per JDK, JVM flags and classpath. A node loads ~9,000 classes while it starts; mapping them from
 * an archive instead of loading them from the jars saves seconds of CPU on every start.
 * <p>
 * The first node started without an archive records the classes it loads; once it is ready, a
 * separate {@code java -Xshare:dump} process builds the archive in the background for the next
 * starts. {@code -Dcqlmigrations.node.cds=false} turns this off. A stale or unusable archive only
 * costs the speed-up: the JVM then ignores it ({@code -Xshare:auto}).
 */
final class NodeClassDataSharing {

	static final String ENABLED_PROPERTY = "cqlmigrations.node.cds";

	static final String DIRECTORY_PROPERTY = "cqlmigrations.node.cds-dir";

	private static final Object lock = new Object();

	private static boolean dumpStarted;

	private final Path java;

	private final List<String> jvmFlags;

	private final String classpath;

	private final Path archive;

	private final Path classList;

	private NodeClassDataSharing(Path java, List<String> jvmFlags, String classpath, Path directory, String key) {
		this.java = java;
		this.jvmFlags = jvmFlags;
		this.classpath = classpath;
		this.archive = directory.resolve("node-" + key + ".jsa");
		this.classList = directory.resolve("node-" + key + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime()
				+ ".classlist");
	}

	/**
	 * The archive of this JDK, these flags and this classpath, or {@code null} when sharing is off.
	 * @param java the node's java executable
	 * @param jvmFlags the flags that must match between dump and use (module flags)
	 * @param classpath the node's classpath
	 * @return the archive handle, or {@code null}
	 */
	static NodeClassDataSharing of(Path java, List<String> jvmFlags, String classpath) {
		if (!Boolean.parseBoolean(System.getProperty(ENABLED_PROPERTY, "true"))) {
			return null;
		}
		String configured = System.getProperty(DIRECTORY_PROPERTY);
		Path directory = (configured != null && !configured.isBlank()) ? Path.of(configured)
				: Path.of(System.getProperty("user.home"), ".cache", "cqlmigrations", "node-cds");
		try {
			Files.createDirectories(directory);
			deleteStaleFiles(directory);
			return new NodeClassDataSharing(java, jvmFlags, classpath, directory, key(java, jvmFlags, classpath));
		}
		catch (IOException | RuntimeException ex) {
			// No cache directory (read-only home, say): start without the archive.
			return null;
		}
	}

	/**
	 * JVM flags for the node: use the archive when it exists, otherwise record the loaded classes.
	 * @return the flags to add to the node's command line
	 */
	List<String> nodeFlags() {
		adoptFinishedDump();
		if (Files.isRegularFile(this.archive)) {
			return List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + this.archive);
		}
		synchronized (lock) {
			if (dumpStarted) {
				return List.of();
			}
		}
		return List.of("-XX:DumpLoadedClassList=" + this.classList);
	}

	/**
	 * Called once the node is ready: builds the archive in the background from the recorded
	 * classes, unless it exists or is being built by this JVM.
	 */
	void nodeReady() {
		if (Files.isRegularFile(this.archive) || !Files.isRegularFile(this.classList)) {
			return;
		}
		synchronized (lock) {
			if (dumpStarted) {
				deleteQuietly(this.classList);
				return;
			}
			dumpStarted = true;
		}
		Thread dumper = new Thread(this::dump, "cassandra-node-cds-dump");
		dumper.setDaemon(true);
		dumper.start();
	}

	private void dump() {
		Path list = this.classList.resolveSibling(this.classList.getFileName() + ".complete");
		Path temporary = this.archive.resolveSibling(this.archive.getFileName() + "." + ProcessHandle.current().pid());
		try {
			// The node still runs and may be writing a line: keep complete lines only.
			String recorded = Files.readString(this.classList, StandardCharsets.ISO_8859_1);
			Files.writeString(list, recorded.substring(0, recorded.lastIndexOf('\n') + 1), StandardCharsets.ISO_8859_1);
			List<String> command = new ArrayList<>();
			command.add(this.java.toString());
			command.addAll(this.jvmFlags);
			command.add("-Xshare:dump");
			command.add("-XX:SharedClassListFile=" + list);
			command.add("-XX:SharedArchiveFile=" + temporary);
			command.add("-cp");
			command.add(this.classpath);
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (process.waitFor(5, TimeUnit.MINUTES) && process.exitValue() == 0 && Files.isRegularFile(temporary)) {
				Files.move(temporary, this.archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			else {
				process.destroyForcibly();
			}
		}
		catch (IOException | RuntimeException ex) {
			// best effort: without an archive nodes start as before
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			deleteQuietly(temporary);
			deleteQuietly(list);
			deleteQuietly(this.classList);
		}
	}

	/**
	 * A dump that was still running when its JVM exited finished under its temporary name: use it.
	 * A dump takes well under a minute on an idle machine, a few minutes under heavy load, so a
	 * temporary archive untouched for ten minutes is complete (or broken, which the JVM detects).
	 */
	private void adoptFinishedDump() {
		if (Files.isRegularFile(this.archive)) {
			return;
		}
		String prefix = this.archive.getFileName() + ".";
		long finishedBefore = System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(10);
		try (Stream<Path> files = Files.list(this.archive.getParent())) {
			Path finished = files.filter((file) -> file.getFileName().toString().startsWith(prefix))
				.filter((file) -> lastModified(file) < finishedBefore)
				.findFirst()
				.orElse(null);
			if (finished != null) {
				Files.move(finished, this.archive, StandardCopyOption.ATOMIC_MOVE);
			}
		}
		catch (IOException ex) {
			// another JVM adopted it first, or the directory is not writable: start without it
		}
	}

	private static long lastModified(Path file) {
		try {
			return Files.getLastModifiedTime(file).toMillis();
		}
		catch (IOException ex) {
			return Long.MAX_VALUE;
		}
	}

	/**
	 * Removes what runs left behind and nobody adopted within an hour: temporary archives of other
	 * classpaths, class lists of nodes that died before they were ready or of interrupted dumps.
	 */
	private static void deleteStaleFiles(Path directory) throws IOException {
		long staleBefore = System.currentTimeMillis() - TimeUnit.HOURS.toMillis(1);
		try (Stream<Path> files = Files.list(directory)) {
			files.filter((file) -> !file.getFileName().toString().endsWith(".jsa"))
				.filter((file) -> lastModified(file) < staleBefore)
				.forEach(NodeClassDataSharing::deleteQuietly);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// a leftover file in the cache directory is harmless
		}
	}

	private static String key(Path java, List<String> jvmFlags, String classpath) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			Path real = java.toRealPath();
			update(digest, real.toString());
			Path modules = real.getParent().getParent().resolve("lib").resolve("modules");
			update(digest, Files.isRegularFile(modules) ? Files.size(modules) + "@" + Files.getLastModifiedTime(modules)
					: "no-modules");
			jvmFlags.forEach((flag) -> update(digest, flag));
			// The JVM refuses an archive whose jars changed: a rebuilt jar gets a new archive.
			for (String entry : classpath.split(File.pathSeparator)) {
				Path path = Path.of(entry);
				update(digest, entry + "@" + (Files.isRegularFile(path)
						? Files.size(path) + "@" + Files.getLastModifiedTime(path).toMillis() : "dir"));
			}
			return HexFormat.of().formatHex(digest.digest(), 0, 12);
		}
		catch (IOException | NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Cannot key the class-data sharing archive", ex);
		}
	}

	private static void update(MessageDigest digest, String text) {
		digest.update(text.getBytes(StandardCharsets.UTF_8));
		digest.update((byte) 0);
	}

}
