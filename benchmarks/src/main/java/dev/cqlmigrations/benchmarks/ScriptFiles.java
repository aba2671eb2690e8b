package dev.cqlmigrations.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary directory of migration scripts, removed on close.
 */
final class ScriptFiles implements AutoCloseable {

	final Path directory;

	private long bytes;

	private int count;

	ScriptFiles(String prefix) {
		try {
			this.directory = Files.createTempDirectory(prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void write(String fileName, String content) {
		try {
			byte[] encoded = content.getBytes(StandardCharsets.UTF_8);
			Files.write(this.directory.resolve(fileName), encoded);
			this.bytes += encoded.length;
			this.count++;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** @return the location, as {@code migrations.locations} takes it */
	String location() {
		return "filesystem:" + this.directory;
	}

	long bytes() {
		return this.bytes;
	}

	int count() {
		return this.count;
	}

	@Override
	public void close() {
		try (Stream<Path> paths = Files.walk(this.directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a leftover temporary directory is harmless
		}
	}

}
