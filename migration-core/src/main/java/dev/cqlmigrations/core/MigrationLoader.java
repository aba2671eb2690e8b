package dev.cqlmigrations.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Loads the migrations of the configured locations and the Java migrations into one list ordered
 * by version, checking everything that can be checked without a cluster: file names, one up
 * script (or Java migration) per version, undo scripts matching an up script, scripts that split
 * into statements and whose placeholders are all defined.
 * <p>
 * A script holding only comments is a migration without statements (projects keep such
 * placeholders to preserve their numbering); a file with nothing in it, or an unedited template of
 * {@code migrate create}, is refused.
 */
public final class MigrationLoader {

	/**
	 * Text of a comment line in the templates that {@code migrate create} writes: a script holding
	 * it and no statement is an unedited template, and is refused rather than recorded as applied.
	 */
	public static final String TEMPLATE_MARKER = "Template of 'migrate create'";

	private final ScriptScanner scanner;

	private final Placeholders placeholders;

	/**
	 * Creates a new instance.
	 * @param scanner finds the scripts
	 * @param placeholders replaces the placeholders of the statements
	 */
	public MigrationLoader(ScriptScanner scanner, Placeholders placeholders) {
		this.scanner = scanner;
		this.placeholders = placeholders;
	}

	/**
	 * Loads all migrations.
	 * @param locations the script locations
	 * @param javaMigrations the Java migrations
	 * @return the migrations, ordered by version
	 * @throws MigrationLoadException when the set of migrations is not usable or a script is empty
	 * @throws MigrationScriptException when a script cannot be split or uses an unknown placeholder
	 */
	public List<ResolvedMigration> load(List<String> locations, List<JavaMigration> javaMigrations) {
		Map<MigrationVersion, Script> ups = new TreeMap<>();
		Map<MigrationVersion, Script> undos = new TreeMap<>();
		for (ScriptResource resource : this.scanner.scan(locations)) {
			MigrationFileName name = MigrationFileName.parse(resource.fileName(), resource.location());
			Map<MigrationVersion, Script> scripts = name.undo() ? undos : ups;
			Script existing = scripts.putIfAbsent(name.version(), new Script(name, resource));
			if (existing != null) {
				String kind = name.undo() ? "undo" : "up";
				throw new MigrationLoadException("Two " + kind + " scripts for version " + name.version().canonical()
						+ ": " + existing.resource().location() + " and " + resource.location() + ". Versions are "
						+ "compared as numbers (1, 1.0 and 001 are the same version); renumber or remove one of them.");
			}
		}
		Map<MigrationVersion, JavaMigration> javas = javaMigrations(javaMigrations, ups);
		for (Script undo : undos.values()) {
			MigrationVersion version = undo.name().version();
			if (javas.containsKey(version)) {
				throw new MigrationLoadException("Undo script " + undo.resource().location() + " belongs to version "
						+ version + ", which is the Java migration " + javas.get(version).getClass().getName()
						+ "; a Java migration is undone by its down method. Remove the undo script.");
			}
			if (!ups.containsKey(version)) {
				throw new MigrationLoadException("Undo script " + undo.resource().location() + " has no up script: "
						+ "expected V" + version + "__<description>.cql in the migration locations. Add the up script "
						+ "or remove the undo script.");
			}
		}
		List<ResolvedMigration> migrations = new ArrayList<>();
		for (Script up : ups.values()) {
			migrations.add(resolve(up, undos.get(up.name().version())));
		}
		javas.forEach((version, migration) -> migrations.add(resolve(version, migration)));
		migrations.sort(Comparator.comparing(ResolvedMigration::version));
		return migrations;
	}

	private static Map<MigrationVersion, JavaMigration> javaMigrations(List<JavaMigration> javaMigrations,
			Map<MigrationVersion, Script> ups) {
		Map<MigrationVersion, JavaMigration> javas = new TreeMap<>();
		if (javaMigrations == null) {
			return javas;
		}
		for (JavaMigration migration : javaMigrations) {
			String className = migration.getClass().getName();
			MigrationVersion version;
			try {
				version = MigrationVersion.parse(migration.version());
			}
			catch (IllegalArgumentException ex) {
				throw new MigrationLoadException("Java migration " + className + " has an invalid version: "
						+ ex.getMessage() + ".", ex);
			}
			String description = migration.description();
			if (description == null || description.isBlank()) {
				throw new MigrationLoadException("Java migration " + className + " (version " + version
						+ ") has no description; return a short text from description().");
			}
			if (ups.containsKey(version)) {
				throw new MigrationLoadException("Version " + version.canonical() + " is defined twice: by the Java "
						+ "migration " + className + " and by " + ups.get(version).resource().location() + "; renumber "
						+ "or remove one of them.");
			}
			JavaMigration existing = javas.putIfAbsent(version, migration);
			if (existing != null) {
				throw new MigrationLoadException("Version " + version.canonical() + " is defined twice: by the Java "
						+ "migrations " + existing.getClass().getName() + " and " + className + "; renumber or remove "
						+ "one of them.");
			}
		}
		return javas;
	}

	private ResolvedMigration resolve(Script up, @Nullable Script undo) {
		List<Map<String, String>> placeholders = new ArrayList<>();
		List<CqlStatement> statements = statements(up, "add at least one statement (or a comment saying why it is "
				+ "intentionally blank) or delete the file", placeholders);
		List<CqlStatement> undoStatements = (undo != null)
				? statements(undo, "add the statements that undo version " + up.name().version()
						+ ", or delete the file if it cannot be undone", new ArrayList<>())
				: List.of();
		return new ResolvedMigration(up.name().version(), up.name().description(), MigrationType.CQL,
				up.resource().fileName(), Checksums.crc32(up.resource().content()), statements,
				(undo != null) ? undo.resource().fileName() : null,
				(undo != null) ? Checksums.crc32(undo.resource().content()) : null, undoStatements, null, placeholders);
	}

	private List<CqlStatement> statements(Script script, String fix, List<Map<String, String>> placeholders) {
		String location = script.resource().location();
		List<CqlStatement> statements = new ArrayList<>();
		for (CqlStatement statement : CqlScriptSplitter.split(location, script.resource().content())) {
			statements.add(this.placeholders.replace(location, statement));
			// Recorded with a run, so that a later run can tell a changed value from an edited script.
			placeholders.add(this.placeholders.valuesIn(statement));
		}
		if (statements.isEmpty()) {
			String content = script.resource().content();
			if (Checksums.normalize(content).isBlank()) {
				throw new MigrationLoadException("Empty script " + location + ": the file holds nothing, or only "
						+ "whitespace; " + fix + ".");
			}
			if (content.contains(TEMPLATE_MARKER)) {
				throw new MigrationLoadException("Script " + location + " is still the template of 'migrate create', "
						+ "without a statement; " + fix + ". For a migration that is meant to do nothing, replace the "
						+ "template's comments with your own.");
			}
		}
		return statements;
	}

	private static ResolvedMigration resolve(MigrationVersion version, JavaMigration migration) {
		return new ResolvedMigration(version, migration.description(), MigrationType.JAVA,
				migration.getClass().getName(), migration.checksum(), List.of(), null, null, List.of(), migration);
	}

	private record Script(MigrationFileName name, ScriptResource resource) {

	}

}
