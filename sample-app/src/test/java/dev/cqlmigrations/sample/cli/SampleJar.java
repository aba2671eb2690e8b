package dev.cqlmigrations.sample.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cqlmigrations.test.CassandraNode;

/**
 * The packaged sample ({@code target/sample-app-<version>.jar}, repackaged by Spring Boot in the
 * package phase) run as a separate process: {@code java -jar sample-app.jar migrate …}.
 */
final class SampleJar {

	private static final long TIMEOUT_SECONDS = 120;

	private final Path workingDirectory;

	private final List<String> springArguments = new ArrayList<>();

	private SampleJar(Path workingDirectory) {
		this.workingDirectory = workingDirectory;
	}

	/**
	 * The jar run from a directory, with no Spring arguments yet.
	 * @param workingDirectory the process's working directory
	 * @return the jar
	 */
	static SampleJar in(Path workingDirectory) {
		return new SampleJar(workingDirectory);
	}

	/**
	 * Points {@code spring.cassandra.*} at a node: the sample then does not start its own.
	 * @param node the node
	 * @return this jar
	 */
	SampleJar cluster(CassandraNode node) {
		return with("--spring.cassandra.contact-points=" + node.contactPointText(),
				"--spring.cassandra.local-datacenter=" + node.localDatacenter(),
				"--spring.cassandra.username=" + node.username(), "--spring.cassandra.password=" + node.password());
	}

	/**
	 * Points {@code spring.cassandra.contact-points} at a port nothing listens on: any attempt to
	 * connect fails, and the sample does not start a node of its own either.
	 * @return this jar
	 */
	SampleJar noCluster() {
		return with("--spring.cassandra.contact-points=127.0.0.1:1", "--spring.cassandra.local-datacenter=datacenter1");
	}

	/**
	 * Points the migrations at a history keyspace and a folder of scripts, as a test writes them.
	 * @param keyspace {@code migrations.keyspace}
	 * @param scripts the folder, as {@code migrations.locations=filesystem:…}
	 * @return this jar
	 */
	SampleJar migrations(String keyspace, Path scripts) {
		return with("--migrations.keyspace=" + keyspace, "--migrations.locations=filesystem:" + scripts);
	}

	/**
	 * Adds Spring arguments passed on every run.
	 * @param arguments e.g. {@code --migrations.keyspace=ks}
	 * @return this jar
	 */
	SampleJar with(String... arguments) {
		this.springArguments.addAll(Arrays.asList(arguments));
		return this;
	}

	/**
	 * Runs {@code java -jar sample-app.jar migrate <args> <spring arguments>} and waits for it.
	 * @param args the command and its options, without {@code migrate}
	 * @return how it ended
	 */
	Run migrate(String... args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// A short-lived process: skip the optimizing compiler, start faster.
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-Xmx384m");
		command.add("-jar");
		command.add(jar().toString());
		command.add("migrate");
		command.addAll(Arrays.asList(args));
		command.addAll(this.springArguments);
		try {
			Path out = Files.createTempFile("migrate", ".out");
			Path err = Files.createTempFile("migrate", ".err");
			Process process = new ProcessBuilder(command).directory(this.workingDirectory.toFile())
				.redirectOutput(out.toFile())
				.redirectError(err.toFile())
				.start();
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
				throw new AssertionError("'migrate " + String.join(" ", args) + "' did not end within "
						+ TIMEOUT_SECONDS + "s; output so far:\n" + Files.readString(out) + Files.readString(err));
			}
			Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
					Files.readString(err, StandardCharsets.UTF_8));
			Files.delete(out);
			Files.delete(err);
			return run;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The repackaged jar of this module.
	 * @return its path
	 */
	static Path jar() {
		Path target = Path.of("target").toAbsolutePath();
		try (Stream<Path> files = Files.list(target)) {
			return files.filter((file) -> file.getFileName().toString().matches("sample-app-.*\\.jar"))
				.filter((file) -> !file.getFileName().toString().endsWith("-plain.jar"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("No sample-app jar in " + target + ": run 'mvn verify', which "
						+ "packages the jar before the integration tests"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + target, ex);
		}
	}

	/**
	 * How one run ended.
	 *
	 * @param exitCode the process's exit status
	 * @param out its standard output
	 * @param err its standard error
	 */
	record Run(int exitCode, String out, String err) {

		private static final ObjectMapper JSON = new ObjectMapper();

		/** @return standard output and error, for assertion messages and line counts */
		String all() {
			return this.out + this.err;
		}

		/** @return standard output read as one JSON object, as {@code status --json} prints it */
		Map<String, Object> json() {
			try {
				return JSON.readValue(this.out, new TypeReference<Map<String, Object>>() {
				});
			}
			catch (IOException ex) {
				throw new AssertionError("Standard output is not one JSON object: " + this, ex);
			}
		}

		/** @return the non-blank lines of both streams */
		List<String> lines() {
			return all().lines().filter((line) -> !line.isBlank()).toList();
		}

		@Override
		public String toString() {
			return "exit " + this.exitCode + "\n--- out ---\n" + this.out + "--- err ---\n" + this.err;
		}

	}

}
