package dev.cqlmigrations.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules the sample's migrations follow: every change can be undone, versions have no gaps,
 * and the only placeholders are those {@code application.yml} defines.
 */
class MigrationScriptsTest {

	private static final Pattern NAME = Pattern.compile("([VU])([0-9]+)__([a-z0-9_]+)\\.cql");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

	@Test
	void everyMigrationHasAnUndoScriptWithTheSameDescription() throws IOException {
		Map<Integer, String> up = scripts("V");
		Map<Integer, String> undo = scripts("U");

		assertThat(undo).isEqualTo(up);
	}

	@Test
	void versionsRunFromOneWithoutGaps() throws IOException {
		Set<Integer> versions = scripts("V").keySet();

		assertThat(versions).containsExactlyElementsOf(
				IntStream.rangeClosed(1, versions.size()).boxed().toList());
	}

	@Test
	void scriptsUseOnlyTheKeyspaceAndReplicationPlaceholders() throws IOException {
		Set<String> placeholders = Arrays.stream(resources())
			.flatMap((script) -> PLACEHOLDER.matcher(read(script)).results().map((match) -> match.group(1)))
			.collect(Collectors.toSet());

		assertThat(placeholders).containsExactlyInAnyOrder("keyspace", "replication");
	}

	@Test
	void everyTableIsQualifiedWithTheKeyspace() throws IOException {
		Pattern tableReference = Pattern.compile("(?i)\\b(TABLE(?: IF (?:NOT )?EXISTS)?|ON|INDEX IF EXISTS)\\s+([^\\s(]+)");
		int references = 0;
		for (Resource script : resources()) {
			Matcher matcher = tableReference.matcher(withoutComments(read(script)));
			while (matcher.find()) {
				assertThat(matcher.group(2)).as(script.getFilename()).startsWith("${keyspace}.");
				references++;
			}
		}
		assertThat(references).isGreaterThanOrEqualTo(16);
	}

	private static Map<Integer, String> scripts(String prefix) throws IOException {
		Map<Integer, String> scripts = new TreeMap<>();
		for (Resource resource : resources()) {
			Matcher matcher = NAME.matcher(resource.getFilename());
			assertThat(matcher.matches()).as(resource.getFilename()).isTrue();
			if (matcher.group(1).equals(prefix)) {
				assertThat(scripts.put(Integer.valueOf(matcher.group(2)), matcher.group(3))).isNull();
			}
		}
		return scripts;
	}

	private static Resource[] resources() throws IOException {
		return new PathMatchingResourcePatternResolver().getResources("classpath:db/cassandra/*.cql");
	}

	private static String withoutComments(String script) {
		return script.lines().filter((line) -> !line.strip().startsWith("--")).collect(Collectors.joining("\n"));
	}

	private static String read(Resource script) {
		try {
			return new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
