package dev.cqlmigrations.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import dev.cqlmigrations.core.MigrationConfigurationException;
import dev.cqlmigrations.core.MigrationException;
import dev.cqlmigrations.core.MigrationLockException;
import dev.cqlmigrations.core.MigrationValidationException;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationFailureAnalyzerTest {

	private final MigrationFailureAnalyzer analyzer = new MigrationFailureAnalyzer();

	@Test
	void isRegisteredInSpringFactories() {
		// Boot's own analyzers need constructor arguments a plain loader cannot give: skip them.
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> {
			}));

		assertThat(analyzers).hasAtLeastOneElementOfType(MigrationFailureAnalyzer.class);
	}

	@Test
	void describesAWrappedConfigurationErrorWithTheEngineMessage() {
		MigrationConfigurationException error = new MigrationConfigurationException(
				"migrations.lock.ttl is 1000 ms: use at least 3s.");

		FailureAnalysis analysis = this.analyzer
			.analyze(new BeanCreationException("migrationSettings", "failed", error));

		assertThat(analysis.getDescription()).contains("migrations.lock.ttl is 1000 ms: use at least 3s.");
		assertThat(analysis.getAction()).contains("migrations.*");
		assertThat(analysis.getCause()).isSameAs(error);
	}

	@Test
	void namesTheLockHolder() {
		FailureAnalysis analysis = this.analyzer
			.analyze(new MigrationLockException("Timed out waiting for the migration lock", "deployer@host-7"));

		assertThat(analysis.getDescription()).contains("Timed out waiting for the migration lock");
		assertThat(analysis.getAction()).contains("deployer@host-7").contains("migrations.lock.wait-timeout");
	}

	@Test
	void pointsAtRepairForValidationErrors() {
		FailureAnalysis analysis = this.analyzer
			.analyze(new MigrationValidationException(List.of("V2 was changed after it was applied")));

		assertThat(analysis.getAction()).contains("migrate repair");
	}

	@Test
	void offersToKeepRunningForOtherErrors() {
		FailureAnalysis analysis = this.analyzer
			.analyze(new MigrationException("Migrations could not run: All host(s) tried for query failed"));

		assertThat(analysis.getDescription()).contains("All host(s) tried");
		assertThat(analysis.getAction()).contains("migrations.fail-on-error=false");
	}

}
