package dev.cqlmigrations.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Stand-in for the migration starter while its engine is being written: applies the sample's
 * {@code V*.cql} scripts in version order, with the sample's two placeholders, splitting
 * statements on {@code ;} (the scripts keep {@code ;} out of strings and comments for this).
 * Tests that use it set {@code migrations.enabled=false}. Delete it once the starter applies
 * the migrations itself.
 */
public final class TestSchema {

	/** Replication of test keyspaces: one replica on the single test node. */
	public static final String REPLICATION = "{'class': 'SimpleStrategy', 'replication_factor': 1}";

	private static final Pattern SCRIPT = Pattern.compile("V([0-9][0-9.]*)__.+\\.cql");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

	private TestSchema() {
	}

	/**
	 * Creates the sample's keyspace and tables.
	 * @param session a session with the rights to create a keyspace
	 * @param keyspace the keyspace, fresh for each test class
	 */
	public static void create(CqlSession session, String keyspace) {
		Map<String, String> placeholders = Map.of("keyspace", keyspace, "replication", REPLICATION);
		for (Resource script : scripts()) {
			for (String statement : statements(read(script), placeholders)) {
				session.execute(SimpleStatement.newInstance(statement));
			}
		}
		session.checkSchemaAgreement();
	}

	/**
	 * The up scripts, lowest version first.
	 * @return the scripts
	 */
	static List<Resource> scripts() {
		try {
			Resource[] found = new PathMatchingResourcePatternResolver().getResources("classpath:db/cassandra/V*.cql");
			List<Resource> scripts = new ArrayList<>(Arrays.asList(found));
			scripts.sort(Comparator.comparing(TestSchema::version, TestSchema::compareVersions));
			return scripts;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<String> statements(String script, Map<String, String> placeholders) {
		StringBuilder withoutComments = new StringBuilder();
		for (String line : script.split("\n")) {
			if (!line.strip().startsWith("--")) {
				withoutComments.append(line).append('\n');
			}
		}
		Matcher matcher = PLACEHOLDER.matcher(withoutComments);
		StringBuilder replaced = new StringBuilder();
		while (matcher.find()) {
			String value = placeholders.get(matcher.group(1));
			if (value == null) {
				throw new IllegalStateException("No value for placeholder ${" + matcher.group(1) + "}");
			}
			matcher.appendReplacement(replaced, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(replaced);
		return Arrays.stream(replaced.toString().split(";")).map(String::strip).filter((s) -> !s.isEmpty()).toList();
	}

	private static String version(Resource script) {
		Matcher matcher = SCRIPT.matcher(script.getFilename());
		if (!matcher.matches()) {
			throw new IllegalStateException("Not a migration script name: " + script.getFilename());
		}
		return matcher.group(1);
	}

	// Dotted versions compare part by part, numerically: 10 comes after 9.
	private static int compareVersions(String left, String right) {
		String[] a = left.split("\\.");
		String[] b = right.split("\\.");
		for (int i = 0; i < Math.max(a.length, b.length); i++) {
			BigInteger x = (i < a.length) ? new BigInteger(a[i]) : BigInteger.ZERO;
			BigInteger y = (i < b.length) ? new BigInteger(b[i]) : BigInteger.ZERO;
			int result = x.compareTo(y);
			if (result != 0) {
				return result;
			}
		}
		return 0;
	}

	private static String read(Resource script) {
		try {
			return new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
