package dev.cqlmigrations.test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.cqlmigrations.test.node.CassandraNodeMain;

/**
 * The classpath of a forked node: the node entry point plus Cassandra's jars exactly as
 * cassandra-all's own dependency tree asks for them, looked up in the local Maven repository.
 */
final class CassandraNodeClasspath {

	static final String RESOURCE = "META-INF/cqlmigrations/cassandra-node.classpath";

	static final String REPOSITORY_TOKEN = "@M2_REPO@";

	private CassandraNodeClasspath() {
	}

	static List<Path> resolve() {
		return resolve(localRepository(), readEntries());
	}

	static List<Path> resolve(Path repository, String recordedClasspath) {
		List<Path> classpath = new ArrayList<>();
		classpath.add(entryPointLocation());
		for (String entry : recordedClasspath.trim().split(",")) {
			if (entry.isBlank()) {
				continue;
			}
			Path jar = Path.of(entry.trim().replace(REPOSITORY_TOKEN, repository.toString()));
			if (!Files.isRegularFile(jar)) {
				throw new CassandraNodeStartException("Cassandra jar " + jar + " is missing from the local Maven "
						+ "repository " + repository + ". Build the project once with 'mvn -B install -DskipTests' "
						+ "(or set -Dcqlmigrations.maven.repository to the repository that holds it).", null);
			}
			classpath.add(jar);
		}
		return classpath;
	}

	static Path localRepository() {
		String configured = System.getProperty("cqlmigrations.maven.repository");
		if (configured == null || configured.isBlank()) {
			configured = System.getProperty("maven.repo.local");
		}
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured);
		}
		return Path.of(System.getProperty("user.home"), ".m2", "repository");
	}

	private static String readEntries() {
		try (InputStream in = CassandraNodeClasspath.class.getClassLoader().getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new CassandraNodeStartException("Resource " + RESOURCE + " not found: the "
						+ "cassandra-node-runtime artifact must be on the test classpath.", null);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new CassandraNodeStartException("Cannot read " + RESOURCE, ex);
		}
	}

	private static Path entryPointLocation() {
		try {
			return Path.of(CassandraNodeMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new CassandraNodeStartException("Cannot locate the node entry point", ex);
		}
	}

}
