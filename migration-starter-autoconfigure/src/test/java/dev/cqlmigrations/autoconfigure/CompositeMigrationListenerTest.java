package dev.cqlmigrations.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cqlmigrations.core.MigrationException;
import dev.cqlmigrations.core.MigrationListener;
import dev.cqlmigrations.core.MigrationRunItem;
import dev.cqlmigrations.core.MigrationType;

import static org.assertj.core.api.Assertions.assertThat;

class CompositeMigrationListenerTest {

	@Test
	void aFailingListenerDoesNotStopTheOthers() {
		List<String> calls = new ArrayList<>();
		MigrationListener failing = new MigrationListener() {

			@Override
			public void migrationApplied(MigrationRunItem item) {
				throw new IllegalStateException("broken metric");
			}

		};
		MigrationListener recording = new MigrationListener() {

			@Override
			public void migrationApplied(MigrationRunItem item) {
				calls.add("applied " + item.version());
			}

			@Override
			public void migrationRolledBack(MigrationRunItem item) {
				calls.add("rolled back " + item.version());
			}

			@Override
			public void migrationFailed(String version, String description, MigrationException error) {
				calls.add("failed " + version);
			}

			@Override
			public void lockAcquired(Duration waited) {
				calls.add("lock " + waited.toMillis());
			}

			@Override
			public void schemaAgreementAwaited(Duration total) {
				calls.add("agreement " + total.toMillis());
			}

		};
		CompositeMigrationListener composite = new CompositeMigrationListener(List.of(failing, recording));
		MigrationRunItem item = new MigrationRunItem("2", "add users", MigrationType.CQL, "V2__add_users.cql",
				List.of(), 5);

		composite.migrationApplied(item);
		composite.migrationRolledBack(item);
		composite.migrationFailed("3", "x", new MigrationException("boom"));
		composite.lockAcquired(Duration.ofMillis(7));
		composite.schemaAgreementAwaited(Duration.ofMillis(9));

		assertThat(calls).containsExactly("applied 2", "rolled back 2", "failed 3", "lock 7", "agreement 9");
	}

}
