package dev.cqlmigrations.actuate;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.cqlmigrations.core.MigrationInfo;
import dev.cqlmigrations.core.MigrationVersion;
import dev.cqlmigrations.core.StatusReport;

/**
 * Counts the migrations that the next migrate would apply: pending ones up to the configured
 * target. {@link StatusReport#pendingCount()} ignores the target, so that a service pinned to
 * an older version would otherwise never look complete.
 */
final class PendingMigrations {

	private PendingMigrations() {
	}

	static int count(StatusReport report, @Nullable String target) {
		return versions(report, target).size();
	}

	static List<String> versions(StatusReport report, @Nullable String target) {
		MigrationVersion limit = MigrationVersion.parseTarget(target);
		List<String> pending = new ArrayList<>();
		for (MigrationInfo info : report.migrations()) {
			if (info.state().isPending()
					&& !MigrationVersion.parse(info.version()).isNewerThan(limit)) {
				pending.add(info.version());
			}
		}
		return pending;
	}

}
