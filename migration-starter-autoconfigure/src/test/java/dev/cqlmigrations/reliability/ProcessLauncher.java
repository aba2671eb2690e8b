package dev.cqlmigrations.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@link MigratorProcess} JVMs with the test classpath, each writing its output to a file.
 */
final class ProcessLauncher {

	private ProcessLauncher() {
	}

	static Process start(Path log, String... args) {
		return start(List.of(), log, args);
	}

	/**
	 * Starts a migrator as a replica of a service running in one datacenter of a multi-datacenter
	 * cluster whose keyspace is replicated {@code dc1:1,dc2:1}.
	 */
	static Process startInDatacenter(String datacenter, Path log, String... args) {
		return start(List.of("-Dmigrator.local-datacenter=" + datacenter, "-Dmigrator.datacenters=dc1:1,dc2:1"), log,
				args);
	}

	private static Process start(List<String> jvmOptions, Path log, String... args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-Xmx128m");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-XX:+UseSerialGC");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(MigratorProcess.class.getName());
		command.addAll(List.of(args));
		try {
			return new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String output(Path log) {
		try {
			return Files.readString(log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(no output: " + ex + ")";
		}
	}

}
