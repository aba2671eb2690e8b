package dev.cqlmigrations.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class NodeClassDataSharingTest {

	@TempDir
	Path cache;

	@AfterEach
	void clearProperties() {
		System.clearProperty(NodeClassDataSharing.DIRECTORY_PROPERTY);
		System.clearProperty(NodeClassDataSharing.ENABLED_PROPERTY);
	}

	@Test
	void recordsTheLoadedClassesWhileThereIsNoArchiveAndUsesTheArchiveOnceADumpFinished() throws IOException {
		System.setProperty(NodeClassDataSharing.DIRECTORY_PROPERTY, this.cache.toString());
		Path jar = Files.writeString(this.cache.resolve("node.jar"), "not really a jar");
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");

		List<String> first = NodeClassDataSharing.of(java, List.of("--add-opens=java.base/java.io=ALL-UNNAMED"),
				jar.toString()).nodeFlags();

		assertThat(first).singleElement().asString().startsWith("-XX:DumpLoadedClassList=" + this.cache);
		// a dump that finished after its JVM had exited, under its temporary name
		String classList = Path.of(first.get(0).substring(first.get(0).indexOf('=') + 1)).getFileName().toString();
		String archive = classList.substring(0, classList.indexOf('-', "node-".length())) + ".jsa";
		Path finished = Files.writeString(this.cache.resolve(archive + ".4711"), "archive");
		Files.setLastModifiedTime(finished, FileTime.from(Instant.now().minus(11, ChronoUnit.MINUTES)));

		List<String> next = NodeClassDataSharing.of(java, List.of("--add-opens=java.base/java.io=ALL-UNNAMED"),
				jar.toString()).nodeFlags();

		assertThat(next).containsExactly("-Xshare:auto", "-XX:SharedArchiveFile=" + this.cache.resolve(archive));
		assertThat(this.cache.resolve(archive)).exists();
	}

	@Test
	void aChangedClasspathGetsAnArchiveOfItsOwn() throws IOException {
		System.setProperty(NodeClassDataSharing.DIRECTORY_PROPERTY, this.cache.toString());
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Path jar = Files.writeString(this.cache.resolve("node.jar"), "one");
		String before = NodeClassDataSharing.of(java, List.of(), jar.toString()).nodeFlags().get(0);
		Files.writeString(jar, "a rebuilt jar");

		String after = NodeClassDataSharing.of(java, List.of(), jar.toString()).nodeFlags().get(0);

		assertThat(key(after)).isNotEqualTo(key(before));
	}

	@Test
	void canBeTurnedOff() {
		System.setProperty(NodeClassDataSharing.ENABLED_PROPERTY, "false");

		assertThat(NodeClassDataSharing.of(Path.of("java"), List.of(), "node.jar")).isNull();
	}

	private static String key(String classListFlag) {
		String name = Path.of(classListFlag.substring(classListFlag.indexOf('=') + 1)).getFileName().toString();
		return name.substring("node-".length(), name.indexOf('-', "node-".length()));
	}

}
