package dev.cqlmigrations.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Compares the migrations on disk with the history: the status of each, what is pending, and
 * what validation rejects. Pure logic, no cluster access.
 */
final class MigrationPlan {

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
	 * @param target the highest version to apply, {@link MigrationVersion#LATEST} for all
	 * @return the plan
	 */
	static MigrationPlan of(List<ResolvedMigration> loaded, List<HistoryEntry> history, boolean outOfOrder,
			MigrationVersion target) {
		Map<MigrationVersion, ResolvedMigration> onDisk = MigrationVersion.index(loaded, ResolvedMigration::version);
		Map<MigrationVersion, HistoryEntry> recorded = MigrationVersion.index(history, HistoryEntry::version);
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
		SortedSet<MigrationVersion> versions = new TreeSet<>(onDisk.keySet());
		versions.addAll(recorded.keySet());
		for (MigrationVersion version : versions) {
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

	private void add(@Nullable ResolvedMigration disk, @Nullable HistoryEntry entry, @Nullable MigrationVersion baseline,
			boolean outOfOrder, MigrationVersion target) {
		if (entry == null) {
			// A version comes from the scripts or from the history: without a row, it is on disk.
			ResolvedMigration script = Objects.requireNonNull(disk);
			addNeverApplied(script, baseline, outOfOrder, !script.version().isNewerThan(target));
			return;
		}
		boolean withinTarget = !(disk != null ? disk.version() : entry.version()).isNewerThan(target);
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
			String placeholders = PlaceholderAudit.changedSince(disk, entry, resumeFrom);
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

	private boolean isOutOfOrder(MigrationVersion version, boolean outOfOrderAllowed) {
		return !outOfOrderAllowed && this.current != null && this.current.isNewerThan(version);
	}

	private void outOfOrder(ResolvedMigration disk, @Nullable HistoryEntry entry, String name) {
		info(disk, entry, MigrationState.OUT_OF_ORDER, false);
		this.problems.add(name + " is pending but older than the latest applied version " + this.current
				+ ". Give it a version above " + this.current + ", or set migrations.out-of-order=true to apply it anyway.");
	}

	private void info(@Nullable ResolvedMigration disk, @Nullable HistoryEntry entry, MigrationState state,
			boolean drift) {
		// An unfinished run's row holds when it started: not an application time.
		boolean unfinished = state == MigrationState.FAILED || state == MigrationState.IN_PROGRESS;
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
			HistoryEntry row = Objects.requireNonNull(entry, "a version is on disk, in the history or both");
			version = row.version().toString();
			description = row.description();
			type = row.type();
			script = Objects.requireNonNullElse(row.script(), row.description());
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
		HistoryEntry row = Objects.requireNonNull(entry, "a version is on disk, in the history or both");
		return "V" + row.version() + " (" + row.description() + ")";
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
