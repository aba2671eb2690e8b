package dev.cqlmigrations.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Decides what a rollback undoes, or why it must not run: pure logic over the migrations on disk,
 * the history and the request, no cluster access. Every refusal changes nothing and says what to
 * do instead.
 */
final class RollbackSelection {

	private final String keyspace;

	private final boolean validate;

	/**
	 * Creates the selection rules.
	 * @param keyspace the keyspace holding the history, for the messages
	 * @param validate whether changed scripts refuse the rollback ({@code migrations.validate-on-migrate})
	 */
	RollbackSelection(String keyspace, boolean validate) {
		this.keyspace = keyspace;
		this.validate = validate;
	}

	/**
	 * The migrations to undo, newest first.
	 * @param loaded the migrations on disk, ordered
	 * @param entries the history, ordered
	 * @param request what to roll back
	 * @return the migrations to undo, at least one
	 * @throws RollbackException when the history or the request does not allow the rollback
	 * @throws MigrationValidationException when scripts changed since they were applied
	 */
	List<ResolvedMigration> select(List<ResolvedMigration> loaded, List<HistoryEntry> entries,
			RollbackRequest request) {
		for (HistoryEntry entry : entries) {
			if (entry.state() != HistoryState.APPLIED && entry.state() != HistoryState.ROLLED_BACK) {
				throw new RollbackException("Cannot roll back while V" + entry.version() + " (" + entry.description()
						+ ") is " + entry.state() + ": complete it with 'migrate up' or clear it with 'migrate repair' "
						+ "first.");
			}
		}
		if (request.expectedVersion() != null) {
			checkExpectedVersion(entries, request.expectedVersion());
		}
		List<HistoryEntry> applied = entries.stream()
			.filter((entry) -> entry.state() == HistoryState.APPLIED && entry.type() != MigrationType.BASELINE)
			.sorted(Comparator.comparing(HistoryEntry::version).reversed())
			.toList();
		if (applied.isEmpty()) {
			throw new RollbackException("Nothing to roll back: no migration is applied in keyspace " + this.keyspace
					+ ".");
		}
		List<HistoryEntry> selected = (request.target() != null)
				? selectAboveTarget(applied, entries, loaded, request.target())
				: selectSteps(applied, request.stepsOrOne());
		Map<MigrationVersion, ResolvedMigration> onDisk = MigrationVersion.index(loaded, ResolvedMigration::version);
		List<ResolvedMigration> toUndo = new ArrayList<>();
		for (HistoryEntry entry : selected) {
			toUndo.add(undoable(entry, onDisk.get(entry.version())));
		}
		validate(loaded, entries, toUndo);
		return toUndo;
	}

	private void checkExpectedVersion(List<HistoryEntry> entries, MigrationVersion expected) {
		@Nullable MigrationVersion current = entries.stream()
			.filter((entry) -> entry.state() == HistoryState.APPLIED)
			.map(HistoryEntry::version)
			.max(MigrationVersion::compareTo)
			.orElse(null);
		if (!expected.equals(current)) {
			throw new RollbackException("Keyspace " + this.keyspace + " is at "
					+ ((current != null) ? "version " + current : "no version") + ", not at the expected version "
					+ expected + ": the history changed since the request was made (another rollback or migration "
					+ "ran). Nothing was rolled back. Check the current state and send the request again if it is "
					+ "still wanted.");
		}
	}

	private List<HistoryEntry> selectSteps(List<HistoryEntry> applied, int steps) {
		if (steps > applied.size()) {
			throw new RollbackException("Cannot roll back " + MigrationEngine.count(steps, "migration") + ": only "
					+ applied.size() + ((applied.size() == 1) ? " is" : " are") + " applied in keyspace "
					+ this.keyspace + " (" + versions(applied) + ").");
		}
		return applied.subList(0, steps);
	}

	private List<HistoryEntry> selectAboveTarget(List<HistoryEntry> applied, List<HistoryEntry> entries,
			List<ResolvedMigration> loaded, MigrationVersion target) {
		MigrationVersion current = applied.get(0).version();
		if (target.isNewerThan(current)) {
			throw new RollbackException("Rollback target " + target + " is above the current version " + current
					+ ": a rollback only goes down. Use 'migrate up' to go up.");
		}
		if (target.equals(current)) {
			throw new RollbackException("Nothing to roll back: keyspace " + this.keyspace + " is already at version "
					+ current + ".");
		}
		boolean known = target.equals(MigrationVersion.ZERO)
				|| entries.stream().anyMatch((entry) -> entry.version().equals(target))
				|| loaded.stream().anyMatch((migration) -> migration.version().equals(target));
		if (!known) {
			throw new RollbackException("Unknown rollback target " + target + ": no migration has that version. "
					+ "Applied versions: " + versions(applied) + " (use 0 to roll back everything).");
		}
		entries.stream()
			.filter((entry) -> entry.type() == MigrationType.BASELINE && entry.version().isNewerThan(target))
			.findFirst()
			.ifPresent((baseline) -> {
				throw new RollbackException("Cannot roll back below the baseline at version " + baseline.version()
						+ ": the schema before it was not created by migrations.");
			});
		return applied.stream().filter((entry) -> entry.version().isNewerThan(target)).toList();
	}

	private static ResolvedMigration undoable(HistoryEntry entry, @Nullable ResolvedMigration migration) {
		if (migration == null) {
			throw new RollbackException("V" + entry.version() + " (" + entry.description() + ") cannot be rolled "
					+ "back: its scripts are no longer in the migration locations. Restore " + entry.script()
					+ " and its undo script. Nothing was rolled back.");
		}
		if (!migration.canUndo() && entry.undoScript() != null && migration.type() == MigrationType.CQL) {
			throw new RollbackException("V" + entry.version() + " (" + migration.script() + ") cannot be rolled "
					+ "back: its undo script " + entry.undoScript() + " was there when it was applied and is "
					+ "missing now. Restore " + entry.undoScript() + " as it was. Nothing was rolled back.");
		}
		if (!migration.canUndo()) {
			throw new RollbackException("V" + entry.version() + " (" + migration.script() + ") has no undo "
					+ ((migration.type() == MigrationType.JAVA) ? "step (implement down() and canUndo())"
							: "script: add U" + entry.version() + "__" + migration.description().replace(' ', '_')
									+ ".cql")
					+ " to roll it back. Nothing was rolled back.");
		}
		return migration;
	}

	/**
	 * A rollback trusts the scripts as much as a migrate does: edited or deleted applied scripts, and
	 * undo scripts changed since their migration was applied, refuse it before anything runs.
	 */
	private void validate(List<ResolvedMigration> loaded, List<HistoryEntry> entries, List<ResolvedMigration> toUndo) {
		if (!this.validate) {
			return;
		}
		// Out-of-order pending versions are no reason to refuse: rolling back may be how they get in.
		List<String> problems = new ArrayList<>(MigrationPlan.of(loaded, entries, true, MigrationVersion.LATEST)
			.problems());
		Map<MigrationVersion, HistoryEntry> byVersion = MigrationVersion.index(entries, HistoryEntry::version);
		for (ResolvedMigration migration : toUndo) {
			HistoryEntry entry = Objects.requireNonNull(byVersion.get(migration.version()), "selected from the history");
			if (entry.undoChecksum() != null && migration.undoChecksum() != null
					&& !entry.undoChecksum().equals(migration.undoChecksum())) {
				problems.add("V" + migration.version() + ": its undo script " + migration.undoScript() + " was changed "
						+ "after V" + migration.version() + " was applied (checksum " + entry.undoChecksum() + " in the "
						+ "history, " + migration.undoChecksum() + " on disk). Undo the edit, or run 'migrate repair' "
						+ "to accept the undo script as it is now.");
			}
		}
		if (!problems.isEmpty()) {
			throw new MigrationValidationException(problems);
		}
	}

	private static String versions(List<HistoryEntry> entries) {
		return entries.stream().map((entry) -> entry.version().toString()).collect(Collectors.joining(", "));
	}

}
