package dev.cqlmigrations.core;

import java.util.List;

/**
 * The migrations on disk disagree with the history in the cluster: an applied script was edited
 * or deleted, or a pending version is older than the latest applied one. Nothing was changed.
 */
public class MigrationValidationException extends MigrationException {

	private final List<String> problems;

	/**
	 * Creates a new instance.
	 * @param problems one operator-facing sentence per problem
	 */
	public MigrationValidationException(List<String> problems) {
		super("Validation failed, nothing was changed:\n - " + String.join("\n - ", problems));
		this.problems = List.copyOf(problems);
	}

	/**
	 * Every problem found.
	 * @return the problems, one sentence each
	 */
	public List<String> getProblems() {
		return this.problems;
	}

}
