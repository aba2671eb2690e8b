package dev.cqlmigrations.benchmarks;

import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;

import dev.cqlmigrations.core.MigrationEngine;
import dev.cqlmigrations.core.StatusReport;
import dev.cqlmigrations.test.CassandraNode;

/**
 * Benchmark 3: {@code engine.status()} with many applied migrations, against the raw read of the
 * history partition alone and against the raw read plus parsing the scripts (status loads them
 * too, to report drift and pending migrations).
 */
final class StatusBenchmark {

	private final CassandraNode node;

	private final HistoryFixture fixture;

	private final BenchmarkOptions options;

	StatusBenchmark(CassandraNode node, HistoryFixture fixture, BenchmarkOptions options) {
		this.node = node;
		this.fixture = fixture;
		this.options = options;
	}

	void run(Report report) {
		System.out.println("[3] status with " + this.fixture.count + " applied migrations");
		Runnable status = () -> {
			StatusReport result = new MigrationEngine(this.fixture.session, this.fixture.settings).status();
			if (result.migrations().size() != this.fixture.count) {
				throw new IllegalStateException("status() reported " + result.migrations().size());
			}
		};
		Runnable limit = () -> {
			this.fixture.loadScripts();
			this.fixture.readHistoryRaw();
		};
		Comparison withLoad = Comparison.measure(status, limit, 20, this.options.repetitions(),
				this.options.callsPerRepetition());
		Comparison readOnly = Comparison.measure(status, this.fixture::readHistoryRaw, 5, this.options.repetitions(),
				this.options.callsPerRepetition());
		report.row(new Report.Row("3", "`engine.status()`, " + this.fixture.count + " applied (vs load + raw read)",
				withLoad.engine.millis(), withLoad.baseline.millis(), withLoad.ratios.ratio(), "—", "—"));
		report.row(new Report.Row("3b", "`engine.status()`, " + this.fixture.count + " applied (vs raw read only)",
				readOnly.engine.millis(), readOnly.baseline.millis() + " (`" + this.fixture.rawQuery() + "`)",
				readOnly.ratios.ratio(), "—", "—"));
		int roundTrips = roundTrips();
		report.row(new Report.Row("3c", "`engine.status()`: round trips", roundTrips + " request(s)", "1 request",
				"—", "exactly 1", (roundTrips == 1) ? "yes" : "**no**"));
	}

	private int roundTrips() {
		RecordingTracker tracker = new RecordingTracker();
		try (CqlSession counted = Sessions.ddl(this.node, tracker)) {
			tracker.settledRequests();
			tracker.clear();
			new MigrationEngine(counted, this.fixture.settings).status();
			List<RecordingTracker.Recorded> requests = tracker.settledRequests();
			return requests.size();
		}
	}

}
