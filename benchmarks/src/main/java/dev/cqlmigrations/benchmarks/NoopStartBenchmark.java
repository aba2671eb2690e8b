package dev.cqlmigrations.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import com.datastax.oss.driver.api.core.CqlSession;

import dev.cqlmigrations.core.MigrationEngine;
import dev.cqlmigrations.core.MigrationRunResult;
import dev.cqlmigrations.test.CassandraNode;

/**
 * Benchmark 1: a start with nothing pending. {@code engine.migrate()} (load, validate, read the
 * history) against its limit: the same scripts parsed by {@code MigrationLoader} plus one raw
 * query reading the history partition. Also counts the round trips of one such start.
 */
final class NoopStartBenchmark {

	static final double GOAL = 1.5;

	private final CassandraNode node;

	private final HistoryFixture fixture;

	private final BenchmarkOptions options;

	NoopStartBenchmark(CassandraNode node, HistoryFixture fixture, BenchmarkOptions options) {
		this.node = node;
		this.fixture = fixture;
		this.options = options;
	}

	void run(Report report) {
		System.out.println("[1] no-op start with " + this.fixture.count + " applied migrations");
		Runnable engine = () -> {
			MigrationRunResult result = new MigrationEngine(this.fixture.session, this.fixture.settings).migrate();
			if (!result.migrations().isEmpty()) {
				throw new IllegalStateException("The no-op start applied " + result.migrations().size());
			}
		};
		Runnable limit = () -> {
			this.fixture.loadScripts();
			this.fixture.readHistoryRaw();
		};
		Comparison comparison = Comparison.measure(engine, limit, 20, this.options.repetitions(),
				this.options.callsPerRepetition());
		Comparison parts = Comparison.measure(this.fixture::loadScripts, this.fixture::readHistoryRaw, 5,
				this.options.repetitions(), this.options.callsPerRepetition());
		double ratio = comparison.ratios.median();
		report.row(new Report.Row("1", "No-op start, " + this.fixture.count + " applied: `engine.migrate()`",
				comparison.engine.millis(),
				comparison.baseline.millis() + "; parts: load " + parts.engine.medianMillis() + " + raw read "
						+ parts.baseline.medianMillis(),
				comparison.ratios.ratio(), "≤ " + GOAL + "×", Report.verdict(ratio, GOAL)));
		roundTrips(report);
	}

	private void roundTrips(Report report) {
		RecordingTracker tracker = new RecordingTracker();
		List<RecordingTracker.Recorded> requests;
		try (CqlSession counted = Sessions.ddl(this.node, tracker)) {
			tracker.settledRequests();
			tracker.clear();
			new MigrationEngine(counted, this.fixture.settings).migrate();
			requests = tracker.settledRequests();
		}
		boolean ddlOrLock = requests.stream().anyMatch((request) -> RecordingTracker.isDdlOrLock(request.cql()));
		boolean met = requests.size() == 1 && !ddlOrLock;
		String queries = requests.stream()
			.map((request) -> "`" + request.cql() + "`")
			.collect(Collectors.joining(", "));
		report.row(new Report.Row("1b", "No-op start: round trips (RequestTracker)",
				String.format(Locale.ROOT, "%d request(s): %s", requests.size(), queries), "1 request", "—",
				"exactly 1; no lock, no DDL", met ? "yes" : "**no**"));
	}

}
