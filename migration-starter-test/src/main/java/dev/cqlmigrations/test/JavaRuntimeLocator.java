package dev.cqlmigrations.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Finds a Java runtime Cassandra 5.0 runs on (11 or 17): the configured one, else the current
 * one when it fits, else a JDK 17 installed next to it.
 */
final class JavaRuntimeLocator {

	static final String JAVA_HOME_PROPERTY = "cqlmigrations.node.java-home";

	private JavaRuntimeLocator() {
	}

	static Path javaExecutable() {
		String configured = System.getProperty(JAVA_HOME_PROPERTY);
		if (configured != null && !configured.isBlank()) {
			return executableIn(Path.of(configured));
		}
		int feature = Runtime.version().feature();
		Path current = Path.of(System.getProperty("java.home"));
		if (feature == 11 || feature == 17) {
			return executableIn(current);
		}
		Path sibling = findJdk17Near(current);
		if (sibling != null) {
			return executableIn(sibling);
		}
		throw new CassandraNodeStartException("Cassandra 5.0 runs on Java 11 or 17, but the tests run on Java "
				+ feature + " and no JDK 17 was found next to " + current + ". Set -D" + JAVA_HOME_PROPERTY
				+ "=/path/to/jdk17.", null);
	}

	private static Path findJdk17Near(Path javaHome) {
		Path parent = javaHome.getParent();
		if (parent == null || !Files.isDirectory(parent)) {
			return null;
		}
		try (Stream<Path> homes = Files.list(parent)) {
			return homes.filter((home) -> home.getFileName().toString().contains("17"))
				.filter((home) -> Files.isExecutable(home.resolve("bin/java")))
				.sorted()
				.findFirst()
				.orElse(null);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static Path executableIn(Path javaHome) {
		Path java = javaHome.resolve("bin").resolve("java");
		if (!Files.isExecutable(java)) {
			throw new CassandraNodeStartException("No java executable at " + java + ". Set -D" + JAVA_HOME_PROPERTY
					+ " to a JDK 17 home.", null);
		}
		return java;
	}

}
