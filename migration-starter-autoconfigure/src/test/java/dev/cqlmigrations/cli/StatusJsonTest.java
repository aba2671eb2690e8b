package dev.cqlmigrations.cli;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.jackson.EndpointJsonMapper;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.cqlmigrations.actuate.MigrationsEndpoint;
import dev.cqlmigrations.actuate.MigrationsEndpoint.MigrationsDescriptor;
import dev.cqlmigrations.core.StatusReport;

import static org.assertj.core.api.Assertions.assertThat;

class StatusJsonTest {

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void isTheJsonOfTheActuatorEndpointWithCountsAndEveryMigration() {
		String json = StatusJson.format(MigrationsEndpoint.describe(StatusTableTest.report(), null, "host-1"));
		Map<String, Object> root = map(this.mapper.readValue(json, Map.class));
		assertThat(root.get("keyspace")).isEqualTo("shop");
		assertThat(root.get("currentVersion")).isEqualTo("2");
		assertThat(root.get("lockHolder")).isEqualTo("host-1");
		// What the next run applies: the pending one and the failed one it resumes.
		assertThat(root.get("pending")).isEqualTo(2);
		assertThat(map(root.get("counts"))).containsEntry("APPLIED", 2)
			.containsEntry("FAILED", 1)
			.containsEntry("PENDING", 1);
		List<?> migrations = (List<?>) root.get("migrations");
		assertThat(migrations).hasSize(4);
		Map<?, ?> failed = (Map<?, ?>) migrations.get(2);
		assertThat(failed.get("version")).isEqualTo("3");
		assertThat(failed.get("state")).isEqualTo("FAILED");
		assertThat(failed.get("error")).isEqualTo("boom");
		assertThat(failed.get("executionTime")).isEqualTo(120);
		assertThat(failed.get("checksumDrift")).isEqualTo(false);
		Map<?, ?> applied = (Map<?, ?>) migrations.get(0);
		assertThat(applied.get("appliedAt")).isEqualTo("2026-11-23T10:15:30.123Z");
		Map<String, Object> pending = map(migrations.get(3));
		assertThat(pending).doesNotContainKeys("appliedAt", "executionTime", "executionMillis");
		assertThat(root).doesNotContainKey("summary");
		assertThat(root.get("problems")).isEqualTo(List.of());
		assertThat(json).endsWith("}\n");
	}

	@Test
	void isWrittenExactlyAsTheActuatorsEndpointMapperWritesIt() {
		MigrationsDescriptor descriptor = MigrationsEndpoint.describe(StatusTableTest.report(), "3", null);
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JacksonEndpointAutoConfiguration.class))
			.run((context) -> {
				JsonMapper endpointMapper = context.getBean(EndpointJsonMapper.class).get();
				assertThat(this.mapper.readTree(StatusJson.format(descriptor)))
					.isEqualTo(this.mapper.readTree(endpointMapper.writeValueAsString(descriptor)));
			});
	}

	@Test
	void escapesQuotesControlCharactersAndLineBreaks() {
		StatusReport report = new StatusReport("shop", null, List.of(), List.of("V1 \"a\\b\"\n\tchanged\u0001"));
		String json = StatusJson.format(MigrationsEndpoint.describe(report, null, null));
		Map<String, Object> root = map(this.mapper.readValue(json, Map.class));
		assertThat(root.get("problems")).isEqualTo(List.of("V1 \"a\\b\"\n\tchanged\u0001"));
		assertThat(root.get("migrations")).isEqualTo(List.of());
		assertThat(root).doesNotContainKey("lockHolder");
	}

	@Test
	void isAvailableWithJacksonAndTheActuatorOnly() {
		assertThat(StatusJson.isAvailable(getClass().getClassLoader())).isTrue();
		assertThat(StatusJson.isAvailable(new ClassLoader(null) {
		})).isFalse();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object json) {
		return (Map<String, Object>) json;
	}

}
