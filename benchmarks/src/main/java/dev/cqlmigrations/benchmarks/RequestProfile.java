package dev.cqlmigrations.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a contender's time goes: its requests of all timed runs, grouped by kind, counted, and
 * their driver-measured latencies summed; what they do not explain is client-side time (script
 * loading, logging, PREPAREs, which the tracker does not see, and thread hand-offs).
 */
final class RequestProfile {

	private static final String MIGRATION_DDL = "migration DDL";

	private final String name;

	private final int migrationsPerRun;

	private final Map<String, Samples> byKind = new LinkedHashMap<>();

	private final Samples outsideRequests = new Samples();

	/** Client-side gaps between consecutive requests, by "kind before → kind after". */
	private final Map<String, Samples> gaps = new LinkedHashMap<>();

	private int runs;

	private long requests;

	RequestProfile(String name, int migrationsPerRun) {
		this.name = name;
		this.migrationsPerRun = migrationsPerRun;
	}

	/**
	 * Adds the requests of one timed run.
	 * @param wallNanos the run's duration
	 * @param recorded its requests
	 * @return the median latency of its migration DDL, in nanoseconds
	 */
	double addRun(double wallNanos, List<RecordingTracker.Recorded> recorded) {
		Samples ddl = new Samples();
		long inside = 0;
		List<RecordingTracker.Recorded> ordered = new ArrayList<>(recorded);
		ordered.sort(Comparator.comparingLong(RecordingTracker.Recorded::startNanos));
		for (int i = 1; i < ordered.size(); i++) {
			String transition = kind(ordered.get(i - 1).cql()) + " → " + kind(ordered.get(i).cql());
			long gap = ordered.get(i).startNanos() - ordered.get(i - 1).reportedAtNanos();
			this.gaps.computeIfAbsent(transition, (key) -> new Samples()).add(Math.max(0, gap));
		}
		for (RecordingTracker.Recorded request : recorded) {
			this.byKind.computeIfAbsent(kind(request.cql()), (kind) -> new Samples()).add(request.latencyNanos());
			inside += request.latencyNanos();
			if (kind(request.cql()).equals(MIGRATION_DDL)) {
				ddl.add(request.latencyNanos());
			}
		}
		this.outsideRequests.add(wallNanos - inside);
		this.requests += recorded.size();
		this.runs++;
		return ddl.median();
	}

	String markdown() {
		double migrations = (double) this.runs * this.migrationsPerRun;
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "**%s** (%d timed runs): %.2f requests per migration; time outside "
				+ "requests per run %s%n%n", this.name, this.runs, this.requests / migrations,
				this.outsideRequests.millis()));
		out.append("| request kind | per migration | median ms | mean ms | ms per migration |\n");
		out.append("|---|---|---|---|---|\n");
		this.byKind.forEach((kind, samples) -> out.append(String.format(Locale.ROOT, "| %s | %.2f | %s | %s | %.2f |%n",
				kind, samples.size() / migrations, Samples.ms(samples.median()),
				Samples.ms(samples.total() / samples.size()), samples.total() / 1e6 / migrations)));
		out.append("\nClient-side gaps between consecutive requests (from one request's completion to the next "
				+ "one's start; transitions under 0.05 per migration omitted):\n\n");
		out.append("| transition | per migration | median ms | mean ms | ms per migration |\n");
		out.append("|---|---|---|---|---|\n");
		this.gaps.forEach((transition, samples) -> {
			if (samples.size() / migrations >= 0.05) {
				out.append(String.format(Locale.ROOT, "| %s | %.2f | %s | %s | %.2f |%n", transition,
						samples.size() / migrations, Samples.ms(samples.median()),
						Samples.ms(samples.total() / samples.size()), samples.total() / 1e6 / migrations));
			}
		});
		return out.toString();
	}

	static String kind(String cql) {
		String upper = cql.strip().toUpperCase(Locale.ROOT);
		if (upper.startsWith("SELECT SCHEMA_VERSION")) {
			return "schema_version poll (agreement)";
		}
		if (upper.startsWith("CREATE KEYSPACE")
				|| (upper.startsWith("CREATE TABLE IF NOT EXISTS") && upper.contains("MIGRATION_"))) {
			return "bootstrap DDL (keyspace, history and lock tables)";
		}
		if (upper.contains("MIGRATION_LOCK")) {
			return "lock (LWT acquire / release / renew)";
		}
		if (upper.startsWith("BATCH") && upper.contains("HISTORY")) {
			return "history BATCH (APPLIED + next IN_PROGRESS)";
		}
		if (upper.startsWith("INSERT") && upper.contains("HISTORY")) {
			return "history INSERT (IN_PROGRESS, APPLIED)";
		}
		if (upper.startsWith("UPDATE") && upper.contains("HISTORY")) {
			return "history progress UPDATE";
		}
		if (upper.startsWith("SELECT") && upper.contains("HISTORY")) {
			return "history read";
		}
		if (upper.startsWith("USE")) {
			return "USE keyspace";
		}
		if (upper.startsWith("CREATE") || upper.startsWith("ALTER") || upper.startsWith("DROP")) {
			return MIGRATION_DDL;
		}
		return "other";
	}

}
