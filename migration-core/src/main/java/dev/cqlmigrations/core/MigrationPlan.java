package dev.cqlmigrations.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Compares the migrations on disk with the history: the status of each, what is pending, and
 * what validation rejects. Pure logic, no cluster access.
 */
final class MigrationPlan {

	private static final String PLACEHOLDER_AUDIT = "PLACEHOLDER ";

	private static final String SECRET_MASK = "******";

	// "<instant> PLACEHOLDER ${name}='value' by <installed by>", as HistoryTable.withAudit writes it.
	private static final Pattern PLACEHOLDER_LINE = Pattern
		.compile("\\S+ " + PLACEHOLDER_AUDIT + "\\$\\{([^}]*)}='(.*)' by .*", Pattern.DOTALL);

	private final List<MigrationInfo> infos = new ArrayList<>();

	private final List<PendingMigration> pending = new ArrayList<>();

	private final List<String> problems = new ArrayList<>();

	private final @Nullable MigrationVersion current;

	private MigrationPlan(@Nullable MigrationVersion current) {
		this.current = current;
	}

	/**
	 * Builds the plan.
	 * @param loaded the migrations on disk, ordered
	 * @param history the history, ordered
	 * @param outOfOrder whether older pending versions may run
	 * @param target the highest version to apply, {@code null} for all
	 * @return the plan
	 */
	static MigrationPlan of(List<ResolvedMigration> loaded, List<HistoryEntry> history, boolean outOfOrder,
			@Nullable MigrationVersion target) {
		Map<MigrationVersion, ResolvedMigration> onDisk = new TreeMap<>();
		loaded.forEach((migration) -> onDisk.put(migration.version(), migration));
		Map<MigrationVersion, HistoryEntry> recorded = new TreeMap<>();
		history.forEach((entry) -> recorded.put(entry.version(), entry));
		MigrationVersion baseline = history.stream()
			.filter((entry) -> entry.type() == MigrationType.BASELINE && entry.state() == HistoryState.APPLIED)
			.map(HistoryEntry::version)
			.reduce((a, b) -> b)
			.orElse(null);
		MigrationVersion current = latestApplied(history);
		if (current != null && onDisk.containsKey(current)) {
			// Shown as written in the file name (1.0), the history holding the canonical form (1).
			current = onDisk.get(current).version();
		}
		MigrationPlan plan = new MigrationPlan(current);
		Map<MigrationVersion, Boolean> versions = new TreeMap<>();
		onDisk.keySet().forEach((version) -> versions.put(version, true));
		recorded.keySet().forEach((version) -> versions.put(version, true));
		for (MigrationVersion version : versions.keySet()) {
			plan.add(onDisk.get(version), recorded.get(version), baseline, outOfOrder, target);
		}
		return plan;
	}

	private static @Nullable MigrationVersion latestApplied(List<HistoryEntry> history) {
		return history.stream()
			.filter((entry) -> entry.state() == HistoryState.APPLIED || entry.state() == HistoryState.ROLLBACK_FAILED)
			.map(HistoryEntry::version)
			.max(MigrationVersion::compareTo)
			.orElse(null);
	}

	private void add(@Nullable ResolvedMigration disk, @Nullable HistoryEntry entry,
			@Nullable MigrationVersion baseline, boolean outOfOrder, @Nullable MigrationVersion target) {
		// Each version comes from the scripts on disk, the history, or both.
		MigrationVersion version = (disk != null) ? disk.version() : Objects.requireNonNull(entry).version();
		boolean withinTarget = target == null || !version.isNewerThan(target);
		if (entry == null) {
			addNeverApplied(Objects.requireNonNull(disk), baseline, outOfOrder, withinTarget);
			return;
		}
		String name = label(disk, entry);
		switch (entry.state()) {
			case APPLIED -> addApplied(disk, entry, name);
			case ROLLED_BACK -> {
				if (disk == null) {
					info(disk, entry, MigrationState.ROLLED_BACK, false);
				}
				else if (isOutOfOrder(disk.version(), outOfOrder)) {
					outOfOrder(disk, entry, name);
				}
				else {
					info(disk, entry, MigrationState.ROLLED_BACK, false);
					if (withinTarget) {
						this.pending.add(new PendingMigration(disk, 0, entry));
					}
				}
			}
			case FAILED, IN_PROGRESS -> addUnfinished(disk, entry, name, withinTarget);
			case ROLLBACK_FAILED -> {
				info(disk, entry, MigrationState.ROLLBACK_FAILED, false);
				this.problems.add(name + ": its rollback failed after " + entry.statementsDone() + " of "
						+ entry.statementsTotal() + " undo statements (" + entry.error() + "). Finish the undo by hand "
						+ "and run 'migrate repair --undo-finished', or revert it by hand and run 'migrate repair "
						+ "--undo-reverted'.");
			}
		}
	}

	private void addNeverApplied(ResolvedMigration disk, @Nullable MigrationVersion baseline, boolean outOfOrder,
			boolean withinTarget) {
		if (baseline != null && !disk.version().isNewerThan(baseline)) {
			info(disk, null, MigrationState.BELOW_BASELINE, false);
		}
		else if (isOutOfOrder(disk.version(), outOfOrder)) {
			outOfOrder(disk, null, label(disk, null));
		}
		else {
			info(disk, null, MigrationState.PENDING, false);
			if (withinTarget) {
				this.pending.add(new PendingMigration(disk, 0, null));
			}
		}
	}

	private void addApplied(@Nullable ResolvedMigration disk, HistoryEntry entry, String name) {
		if (entry.type() == MigrationType.BASELINE) {
			info(disk, entry, MigrationState.BASELINE, false);
			return;
		}
		if (disk == null) {
			info(null, entry, MigrationState.MISSING, false);
			this.problems.add(name + " is applied but its script " + entry.script() + " is no longer in the "
					+ "migration locations. Restore the file (applied migrations must stay), or check "
					+ "migrations.locations.");
			return;
		}
		boolean drift = entry.checksum() != null && disk.checksum() != null
				&& !Objects.equals(entry.checksum(), disk.checksum());
		info(disk, entry, MigrationState.APPLIED, drift);
		if (drift) {
			this.problems.add(name + " was changed after it was applied (checksum " + entry.checksum()
					+ " in the history, " + disk.checksum() + " on disk). Undo the edit and add a new migration "
					+ "instead, or run 'migrate repair' to accept the file as it is now.");
		}
	}

	private void addUnfinished(@Nullable ResolvedMigration disk, HistoryEntry entry, String name, boolean withinTarget) {
		MigrationState state = (entry.state() == HistoryState.FAILED) ? MigrationState.FAILED
				: MigrationState.IN_PROGRESS;
		info(disk, entry, state, false);
		if (disk == null) {
			this.problems.add(name + " is recorded as " + entry.state() + " but its script " + entry.script()
					+ " is no longer on disk. Restore it, or run 'migrate repair' to clear the entry.");
			return;
		}
		int resumeFrom = (disk.type() == MigrationType.JAVA) ? 0 : entry.statementsDone();
		if (resumeFrom > disk.statements().size()
				|| (resumeFrom > 0 && !Objects.equals(entry.doneChecksum(), ProgressChecksum.of(disk.statements(), resumeFrom)))) {
			String placeholders = changedPlaceholders(disk, entry, resumeFrom);
			if (placeholders != null) {
				this.problems.add(name + placeholders);
				return;
			}
			this.problems.add(name + " stopped after statement " + entry.statementsDone() + " of "
					+ entry.statementsTotal() + " in an earlier run, and the statements before that point changed since, "
					+ "so it cannot resume safely. Bring the schema in line with the script by hand, then run "
					+ "'migrate repair' to clear the entry (the migration then runs again from its first statement).");
			return;
		}
		if (withinTarget) {
			this.pending.add(new PendingMigration(disk, resumeFrom, entry));
		}
	}

	/**
	 * Explains a mismatch of the statements that ran when the script itself is unchanged: then only
	 * a placeholder value can have changed.
	 * @return the rest of the problem sentence, or {@code null} when that is not the cause
	 */
	private static @Nullable String changedPlaceholders(ResolvedMigration disk, HistoryEntry entry, int done) {
		Map<String, String> now = disk.placeholdersOf(done);
		if (done > disk.statements().size() || now.isEmpty() || entry.checksum() == null
				|| !entry.checksum().equals(disk.checksum())) {
			return null;
		}
		Map<String, String> then = recordedPlaceholders(entry.audit());
		List<String> changes = new ArrayList<>();
		List<String> names = new ArrayList<>();
		now.forEach((placeholder, value) -> {
			String old = then.get(placeholder);
			if (isSecret(placeholder)) {
				// Its value is never recorded nor shown, so it can only be a suspect.
				names.add(placeholder);
				changes.add("${" + placeholder + "} may have changed (a secret: its values are not shown)");
			}
			else if (old == null || !old.equals(value)) {
				names.add(placeholder);
				changes.add("${" + placeholder + "} " + ((old != null) ? "was '" + old + "' in that run and " : "")
						+ "is '" + value + "' now");
			}
		});
		if (changes.isEmpty()) {
			return null;
		}
		String ran = (done == 1) ? "statement 1" : "statements 1-" + done;
		CqlStatement first = disk.statements().get(0);
		String oneLine = first.cql().replaceAll("\\s+", " ");
		return " stopped after " + ran + " of " + entry.statementsTotal() + " in an earlier run; the script is "
				+ "unchanged, but a placeholder value changed since that run: " + String.join(", ", changes)
				+ (then.isEmpty() ? " (the values of that run are not recorded)" : "") + ". " + capitalized(ran)
				+ " ran with the old value (statement 1, line " + first.line()
				+ (names.stream().anyMatch(MigrationPlan::isSecret) ? ""
						: ", now reads: " + ((oneLine.length() > 120) ? oneLine.substring(0, 120) + "..." : oneLine))
				+ "), so resuming with the "
				+ "new one would mix both. To resume, set " + properties(names, then) + " and run again: it "
				+ "continues at statement " + (done + 1) + ". To use the new value instead, undo by hand what " + ran
				+ " did with the old value, then run 'migrate repair' (the migration then runs again from statement "
				+ "1).";
	}

	private static String properties(List<String> names, Map<String, String> then) {
		List<String> settings = new ArrayList<>();
		for (String name : names) {
			String old = isSecret(name) ? null : then.get(name);
			settings.add("migrations.placeholders." + name
					+ ((old != null) ? " back to '" + old + "'" : " back to the value of that run"));
		}
		return String.join(", ", settings);
	}

	private static String capitalized(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	/**
	 * The audit event recording a placeholder value used by a run.
	 * @param name the placeholder
	 * @param value its value
	 * @return the event text
	 */
	static String placeholderAudit(String name, String value) {
		return PLACEHOLDER_AUDIT + "${" + name + "}='" + (isSecret(name) ? SECRET_MASK : value) + "'";
	}

	/**
	 * Whether a placeholder's name says it holds a secret (a role's password, say), whose value must
	 * never reach the history or a message. Names ending like Spring Boot's sanitized keys.
	 * @param name the placeholder
	 * @return whether its value is masked
	 */
	static boolean isSecret(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.endsWith("password") || lower.endsWith("secret") || lower.endsWith("key")
				|| lower.endsWith("token") || lower.contains("credential");
	}

	/** The values recorded by the latest run, by name; a later line wins over an earlier one. */
	static Map<String, String> recordedPlaceholders(List<String> audit) {
		Map<String, String> values = new TreeMap<>();
		if (audit == null) {
			return values;
		}
		for (String line : audit) {
			Matcher matcher = PLACEHOLDER_LINE.matcher(line);
			if (matcher.matches()) {
				values.put(matcher.group(1), matcher.group(2));
			}
		}
		return values;
	}

	private boolean isOutOfOrder(MigrationVersion version, boolean outOfOrderAllowed) {
		return !outOfOrderAllowed && this.current != null && this.current.isNewerThan(version);
	}

	private void outOfOrder(ResolvedMigration disk, @Nullable HistoryEntry entry, String name) {
		info(disk, entry, MigrationState.OUT_OF_ORDER, false);
		this.problems.add(name + " is pending but older than the latest applied version " + this.current
				+ ". Give it a version above " + this.current + ", or set migrations.out-of-order=true to apply it anyway.");
	}

	private void info(@Nullable ResolvedMigration disk, @Nullable HistoryEntry entry, MigrationState state, boolean drift) {
		// An unfinished run's row holds when it started: not an application time.
		boolean unfinished = state == MigrationState.FAILED || state == MigrationState.IN_PROGRESS;
		// Each version comes from the scripts on disk, the history, or both; the script wins.
		String version;
		String description;
		MigrationType type;
		String script;
		if (disk != null) {
			version = disk.version().toString();
			description = disk.description();
			type = disk.type();
			script = disk.script();
		}
		else {
			HistoryEntry recorded = Objects.requireNonNull(entry);
			version = recorded.version().toString();
			description = recorded.description();
			type = recorded.type();
			script = recorded.script();
		}
		this.infos.add(new MigrationInfo(version, description, type, script, (disk != null) ? disk.checksum() : null,
				(entry != null) ? entry.checksum() : null, state, drift, disk != null && disk.canUndo(),
				(entry != null && !unfinished) ? entry.appliedAt() : null,
				(entry != null) ? entry.rolledBackAt() : null,
				(entry != null) ? entry.executionMillis() : null, (entry != null) ? entry.statementsDone() : null,
				(entry != null) ? entry.statementsTotal() : null, (entry != null) ? entry.installedBy() : null,
				(entry != null) ? entry.error() : null));
	}

	private static String label(@Nullable ResolvedMigration disk, @Nullable HistoryEntry entry) {
		if (disk != null) {
			return "V" + disk.version() + " (" + disk.script() + ")";
		}
		HistoryEntry recorded = Objects.requireNonNull(entry);
		return "V" + recorded.version() + " (" + recorded.description() + ")";
	}

	List<MigrationInfo> infos() {
		return this.infos;
	}

	List<PendingMigration> pending() {
		return this.pending;
	}

	List<String> problems() {
		return this.problems;
	}

	@Nullable MigrationVersion current() {
		return this.current;
	}

}
