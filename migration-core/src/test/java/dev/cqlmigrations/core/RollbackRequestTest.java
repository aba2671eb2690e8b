package dev.cqlmigrations.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A rollback request checks itself, in the words of whoever built it.
 */
class RollbackRequestTest {

	private static final RollbackRequest.Spelling CLI = new RollbackRequest.Spelling("--target", "--steps '%s'",
			"--expect", "Give either --steps or --target, not both.");

	@Test
	void textBecomesVersionsAndSteps() {
		RollbackRequest request = RollbackRequest.parse(" 2 ", null, "3", true, CLI);

		assertThat(request.target()).isEqualTo(MigrationVersion.parse("2"));
		assertThat(request.steps()).isNull();
		assertThat(request.expectedVersion()).isEqualTo(MigrationVersion.parse("3"));
		assertThat(request.dryRun()).isTrue();
		assertThat(request.waitForLock()).isTrue();
		assertThat(RollbackRequest.parse("", " ", null, false, CLI).stepsOrOne()).isEqualTo(1);
		assertThat(RollbackRequest.parse(null, "2", null, false, CLI).steps()).isEqualTo(2);
	}

	@Test
	void malformedTextIsRefusedInTheCallersWords() {
		assertRefused(() -> RollbackRequest.parse(null, "two", null, false, CLI),
				"Invalid --steps 'two': use a whole number of 1 or more.");
		assertRefused(() -> RollbackRequest.parse(null, "0", null, false, CLI),
				"Invalid --steps '0': use a whole number of 1 or more.");
		assertRefused(() -> RollbackRequest.parse("1", "2", null, false, CLI),
				"Give either --steps or --target, not both.");
		assertRefused(() -> RollbackRequest.parse("v1", null, null, false, CLI), "Invalid --target: 'v1' is not a "
				+ "version: use dotted numbers such as 1, 1.2 or 20261123120000 (0 rolls back everything).");
		assertRefused(() -> RollbackRequest.parse(null, null, "three", false, CLI), "Invalid --expect: 'three' is not "
				+ "a version: use dotted numbers such as 1, 1.2 or 20261123120000.");
	}

	@Test
	void theJavaApiRefusesTheSameWay() {
		assertRefused(() -> RollbackRequest.steps(0), "Invalid number of steps 0: use a whole number of 1 or more.");
		assertRefused(() -> RollbackRequest.toTarget("x"), "Invalid rollback target: 'x' is not a version: use dotted "
				+ "numbers such as 1, 1.2 or 20261123120000 (0 rolls back everything).");
		assertRefused(() -> RollbackRequest.last().expectingVersion("three"),
				"Invalid expected version: 'three' is not a version: use dotted numbers such as 1, 1.2 or "
						+ "20261123120000.");
		assertRefused(() -> new RollbackRequest(1, "2", false), "Give either a number of steps or a "
				+ "rollback target, not both.");
	}

	@Test
	void derivedRequestsKeepEverythingElse() {
		RollbackRequest request = RollbackRequest.toTarget("1").expectingVersion("3").withoutWaitingForLock().asDryRun();

		assertThat(request).isEqualTo(new RollbackRequest(null, MigrationVersion.parse("1"), true,
				MigrationVersion.parse("3"), false));
	}

	private static void assertRefused(Runnable build, String message) {
		assertThatExceptionOfType(RollbackException.class).isThrownBy(build::run).withMessage(message);
	}

}
