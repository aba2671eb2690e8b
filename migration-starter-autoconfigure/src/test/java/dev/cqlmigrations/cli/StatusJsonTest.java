package dev.cqlmigrations.cli;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import dev.cqlmigrations.core.StatusReport;

import static org.assertj.core.api.Assertions.assertThat;

class StatusJsonTest {

	private final ObjectMapper mapper = new ObjectMapper();

	@Test
	void isValidJsonWithTheSummaryAndEveryMigration() throws Exception {
		String json = StatusJson.format(StatusTableTest.report(), "host-1");
		Map<?, ?> root = this.mapper.readValue(json, Map.class);
		assertThat(root.get("keyspace")).isEqualTo("shop");
		assertThat(root.get("currentVersion")).isEqualTo("2");
		assertThat(root.get("lockHolder")).isEqualTo("host-1");
		assertThat(root.get("summary")).isEqualTo(Map.of("total", 4, "applied", 2, "pending", 1, "failed", 1));
		List<?> migrations = (List<?>) root.get("migrations");
		assertThat(migrations).hasSize(4);
		Map<?, ?> failed = (Map<?, ?>) migrations.get(2);
		assertThat(failed.get("version")).isEqualTo("3");
		assertThat(failed.get("state")).isEqualTo("FAILED");
		assertThat(failed.get("error")).isEqualTo("boom");
		assertThat(failed.get("appliedAt")).isEqualTo("2026-11-23T10:15:30.123Z");
		assertThat(failed.get("executionMillis")).isEqualTo(120);
		assertThat(failed.get("checksumDrift")).isEqualTo(false);
		Map<?, ?> pending = (Map<?, ?>) migrations.get(3);
		assertThat(pending.get("appliedAt")).isNull();
		assertThat(pending.get("executionMillis")).isNull();
		assertThat(root.get("problems")).isEqualTo(List.of());
	}

	@Test
	void escapesQuotesControlCharactersAndLineBreaks() throws Exception {
		StatusReport report = new StatusReport("shop", null, List.of(),
				List.of("V1 \"a\\b\"\n\tchanged\u0001"));
		Map<?, ?> root = this.mapper.readValue(StatusJson.format(report, null), Map.class);
		assertThat(root.get("problems")).isEqualTo(List.of("V1 \"a\\b\"\n\tchanged\u0001"));
		assertThat(root.get("migrations")).isEqualTo(List.of());
		assertThat(root.get("lockHolder")).isNull();
	}

}
