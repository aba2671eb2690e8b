package dev.cqlmigrations.cli;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.cqlmigrations.core.MigrationInfo;
import dev.cqlmigrations.core.StatusReport;

/**
 * Formats a {@link StatusReport} as the JSON of {@code migrate status --json}, for scripts. Field
 * names are those of {@link MigrationInfo}; times are ISO-8601 instants. Written by hand: the
 * module has no JSON library of its own, and the shape is small and fixed.
 */
public final class StatusJson {

	private StatusJson() {
	}

	/**
	 * Formats the report.
	 * @param report the status
	 * @param lockHolder who holds the migration lock, {@code null} when nobody
	 * @return one JSON object, pretty-printed, ending with a line break
	 */
	public static String format(StatusReport report, @Nullable String lockHolder) {
		StringBuilder json = new StringBuilder("{\n");
		field(json, 1, "keyspace", report.keyspace(), true);
		field(json, 1, "currentVersion", report.currentVersion(), true);
		field(json, 1, "lockHolder", lockHolder, true);
		json.append("  \"summary\": {");
		json.append("\"total\": ").append(report.migrations().size());
		json.append(", \"applied\": ").append(StatusTable.applied(report));
		json.append(", \"pending\": ").append(StatusTable.pending(report));
		json.append(", \"failed\": ").append(StatusTable.failed(report));
		json.append("},\n");
		json.append("  \"migrations\": [");
		List<MigrationInfo> migrations = report.migrations();
		for (int i = 0; i < migrations.size(); i++) {
			json.append((i == 0) ? "\n" : ",\n");
			migration(json, migrations.get(i));
		}
		json.append(migrations.isEmpty() ? "],\n" : "\n  ],\n");
		json.append("  \"problems\": [");
		List<String> problems = report.problems();
		for (int i = 0; i < problems.size(); i++) {
			json.append((i == 0) ? "" : ", ").append(string(problems.get(i)));
		}
		json.append("]\n}\n");
		return json.toString();
	}

	private static void migration(StringBuilder json, MigrationInfo info) {
		json.append("    {\n");
		field(json, 3, "version", info.version(), true);
		field(json, 3, "description", info.description(), true);
		field(json, 3, "type", info.type().name(), true);
		field(json, 3, "script", info.script(), true);
		field(json, 3, "state", info.state().name(), true);
		raw(json, 3, "checksum", info.checksum(), true);
		raw(json, 3, "appliedChecksum", info.appliedChecksum(), true);
		raw(json, 3, "checksumDrift", info.checksumDrift(), true);
		raw(json, 3, "undoAvailable", info.undoAvailable(), true);
		field(json, 3, "appliedAt", (info.appliedAt() != null) ? info.appliedAt().toString() : null, true);
		field(json, 3, "rolledBackAt", (info.rolledBackAt() != null) ? info.rolledBackAt().toString() : null, true);
		raw(json, 3, "executionMillis", info.executionMillis(), true);
		raw(json, 3, "statementsDone", info.statementsDone(), true);
		raw(json, 3, "statementsTotal", info.statementsTotal(), true);
		field(json, 3, "installedBy", info.installedBy(), true);
		field(json, 3, "error", info.error(), false);
		json.append("    }");
	}

	private static void field(StringBuilder json, int depth, String name, @Nullable String value, boolean more) {
		json.append("  ".repeat(depth)).append(string(name)).append(": ")
			.append((value != null) ? string(value) : "null")
			.append(more ? ",\n" : "\n");
	}

	private static void raw(StringBuilder json, int depth, String name, @Nullable Object value, boolean more) {
		json.append("  ".repeat(depth)).append(string(name)).append(": ").append(value).append(more ? ",\n" : "\n");
	}

	static String string(String value) {
		StringBuilder quoted = new StringBuilder("\"");
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				case '\n' -> quoted.append("\\n");
				case '\r' -> quoted.append("\\r");
				case '\t' -> quoted.append("\\t");
				default -> {
					if (c < 0x20) {
						quoted.append(String.format("\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

}
