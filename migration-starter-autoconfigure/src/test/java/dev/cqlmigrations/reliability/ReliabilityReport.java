package dev.cqlmigrations.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes what a reliability test saw to {@code target/reliability/NAME.txt}, for docs/reliability.md.
 */
final class ReliabilityReport {

	private ReliabilityReport() {
	}

	static void write(String name, List<String> lines) {
		try {
			Path directory = Files.createDirectories(Path.of("target", "reliability"));
			Files.write(directory.resolve(name + ".txt"), lines);
			lines.forEach(System.out::println);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
