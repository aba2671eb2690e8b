package dev.cqlmigrations.core;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Bad settings and scripts that must be refused before the cluster is touched, each naming the
 * property, file or line (issue 14, item 7). Pure validation, no cluster.
 */
class BadInputValidationTest {

	private final MigrationSettings.Builder settings = MigrationSettings.builder("shop");

	@Test
	void writeConsistencyAnyOrSerialIsRefusedNamingTheProperty() {
		for (DefaultConsistencyLevel level : List.of(DefaultConsistencyLevel.ANY, DefaultConsistencyLevel.SERIAL,
				DefaultConsistencyLevel.LOCAL_SERIAL)) {
			assertThatExceptionOfType(MigrationConfigurationException.class)
				.isThrownBy(() -> this.settings.writeConsistency(level).build())
				.withMessageStartingWith("migrations.consistency.write is " + level + ":");
		}
	}

	@Test
	void readConsistencyAnyOrEachQuorumIsRefusedNamingTheProperty() {
		for (DefaultConsistencyLevel level : List.of(DefaultConsistencyLevel.ANY,
				DefaultConsistencyLevel.EACH_QUORUM)) {
			assertThatExceptionOfType(MigrationConfigurationException.class)
				.isThrownBy(() -> this.settings.readConsistency(level).build())
				.withMessageStartingWith("migrations.consistency.read is " + level + ":");
		}
	}

	@Test
	void aLockTtlThatWouldOverflowIsRefusedNamingTheProperty() {
		// 4294967301 s is 2^32 + 5: as an int it would be a 5 s lease.
		assertThatExceptionOfType(MigrationConfigurationException.class)
			.isThrownBy(() -> this.settings.lockTtl(Duration.ofSeconds(4294967301L)).build())
			.withMessageStartingWith("migrations.lock.ttl is 4294967301 s: use at most 24h");
		assertThatNoException().isThrownBy(() -> this.settings.lockTtl(Duration.ofHours(24)).build());
	}

	@Test
	void anEmptyFilesystemLocationIsRefusedInsteadOfScanningTheWorkingDirectory() {
		ScriptScanner scanner = new ScriptScanner(getClass().getClassLoader());
		for (String location : List.of("filesystem:", "filesystem:  ")) {
			assertThatExceptionOfType(MigrationLoadException.class).isThrownBy(() -> scanner.scan(List.of(location)))
				.withMessageContaining("Migration location '" + location + "' in migrations.locations has no path");
		}
	}

	@Test
	void aScriptThatCannotBeReadIsReportedWithTheReason(@TempDir Path dir) throws IOException {
		// /proc/self/mem is a regular file that fails every read from offset 0, even for root.
		Files.createSymbolicLink(dir.resolve("V1__mem.cql"), Path.of("/proc/self/mem"));

		assertThatExceptionOfType(MigrationLoadException.class)
			.isThrownBy(() -> new ScriptScanner(getClass().getClassLoader()).scan(List.of("filesystem:" + dir)))
			.withMessageStartingWith("Cannot read migration script filesystem:" + dir + "/V1__mem.cql (")
			.withMessageContaining("Input/output error")
			.withMessageContaining("Make the file readable");
	}

	@Test
	void anUnreadableFileIsReportedWithTheReason() {
		// As root, permissions cannot make a file unreadable here: the reasons are checked on the exceptions.
		assertThat(ScriptScanner.reason(new AccessDeniedException("/db/V1__a.cql"))).isEqualTo("permission denied");
		assertThat(ScriptScanner.reason(new FileSystemException("/db/V1__a.cql", null, "Input/output error")))
			.isEqualTo("Input/output error");
		assertThat(ScriptScanner.reason(new NoSuchFileException("/db/V1__a.cql")))
			.isEqualTo("the file disappeared while migrations were loaded");
		assertThat(ScriptScanner.reason(new IOException((String) null))).isEqualTo("IOException");
	}

	@Test
	void errorsWithoutAMessageAreDescribedByTheirTypeAndCause() {
		assertThat(StatementExecution.describe(new IllegalStateException("closed"))).isEqualTo("closed");
		assertThat(StatementExecution.describe(new RuntimeException(null, new IllegalStateException("socket closed"))))
			.isEqualTo("RuntimeException (socket closed)");
		assertThat(StatementExecution.describe(new RuntimeException((String) null))).isEqualTo("RuntimeException");
	}

	@Test
	void scriptsThatWriteToTheEnginesTablesAreRefusedNamingFileAndLine() {
		MigrationSettings shop = this.settings.build();
		List<String> offending = List.of("INSERT INTO migration_history (scope, version) VALUES ('default', '9')",
				"UPDATE shop.migration_history SET state = 'APPLIED' WHERE scope = 'default' AND version = '1'",
				"DELETE FROM \"shop\".migration_lock WHERE name = 'migrations'", "TRUNCATE migration_lock",
				"DROP TABLE IF EXISTS shop.migration_lock", "ALTER TABLE migration_history ADD x int",
				"BEGIN BATCH\nINSERT INTO t (id) VALUES (1);\nINSERT INTO shop.migration_history (scope, version) "
						+ "VALUES ('default', '2');\nAPPLY BATCH");
		for (String cql : offending) {
			List<ResolvedMigration> migrations = List.of(
					migration(new CqlStatement("CREATE TABLE t (id int PRIMARY KEY)", 1, 1), new CqlStatement(cql, 3, 1)));
			assertThatExceptionOfType(MigrationLoadException.class)
				.isThrownBy(() -> EngineTablesGuard.check(migrations, shop))
				.withMessageStartingWith("Migration script V1__t.cql (line 3) writes to the engine's own table shop.");
		}
	}

	@Test
	void readingTheEnginesTablesOrWritingSameNamedTablesElsewhereIsAllowed() {
		MigrationSettings shop = this.settings.build();
		List<ResolvedMigration> migrations = List.of(migration(
				new CqlStatement("SELECT * FROM migration_history", 1, 1),
				new CqlStatement("INSERT INTO other.migration_history (id) VALUES (1)", 2, 1),
				new CqlStatement("USE other", 3, 1), new CqlStatement("DROP TABLE migration_lock", 4, 1),
				new CqlStatement("CREATE TABLE history_of_migrations (id int PRIMARY KEY)", 5, 1)));
		assertThatNoException().isThrownBy(() -> EngineTablesGuard.check(migrations, shop));
	}

	private static ResolvedMigration migration(CqlStatement... statements) {
		return new ResolvedMigration(MigrationVersion.parse("1"), "t", MigrationType.CQL, "V1__t.cql", 1,
				List.of(statements), null, null, List.of(), null);
	}

}
