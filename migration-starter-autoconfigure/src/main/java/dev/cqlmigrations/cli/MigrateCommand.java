package dev.cqlmigrations.cli;

import org.jspecify.annotations.Nullable;

import dev.cqlmigrations.core.UndoOutcome;

/**
 * One parsed {@code migrate} command line. Values not given are {@code null} (or {@code false}).
 *
 * @param command the command
 * @param target {@code --target}: version to migrate up to, or to roll back down to
 * @param steps {@code --steps}: number of migrations to roll back
 * @param dryRun {@code --dry-run}
 * @param json {@code --json}
 * @param version {@code --version} of a baseline
 * @param description {@code --description} of a baseline
 * @param name the NAME of {@code create}
 * @param dir {@code --dir} of {@code create}
 * @param debug {@code --debug}: print stack traces
 * @param failedUndo {@code --undo-finished} or {@code --undo-reverted} of {@code repair}
 */
public record MigrateCommand(Command command, @Nullable String target, @Nullable Integer steps, boolean dryRun,
		boolean json, @Nullable String version, @Nullable String description, @Nullable String name,
		@Nullable String dir, boolean debug, @Nullable UndoOutcome failedUndo) {

	/**
	 * A command line without {@code --undo-finished} or {@code --undo-reverted}.
	 * @param command the command
	 * @param target {@code --target}
	 * @param steps {@code --steps}
	 * @param dryRun {@code --dry-run}
	 * @param json {@code --json}
	 * @param version {@code --version}
	 * @param description {@code --description}
	 * @param name the NAME of {@code create}
	 * @param dir {@code --dir}
	 * @param debug {@code --debug}
	 */
	public MigrateCommand(Command command, @Nullable String target, @Nullable Integer steps, boolean dryRun,
			boolean json, @Nullable String version, @Nullable String description, @Nullable String name,
			@Nullable String dir, boolean debug) {
		this(command, target, steps, dryRun, json, version, description, name, dir, debug, null);
	}

	/**
	 * A command without options.
	 * @param command the command
	 * @return the command line
	 */
	public static MigrateCommand of(Command command) {
		return new MigrateCommand(command, null, null, false, false, null, null, null, null, false);
	}

}
