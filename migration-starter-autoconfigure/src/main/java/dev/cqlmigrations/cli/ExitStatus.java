package dev.cqlmigrations.cli;

/**
 * How a {@code migrate} command ended, as the process exit status scripts can rely on.
 */
public enum ExitStatus {

	/** The command did what was asked. */
	OK(0),

	/** The command failed: engine error, unreachable cluster, validation problems, name taken. */
	FAILED(1),

	/** The command line is wrong: unknown command or option, missing or invalid value. */
	USAGE(2);

	private final int code;

	ExitStatus(int code) {
		this.code = code;
	}

	/**
	 * The process exit status.
	 * @return 0, 1 or 2
	 */
	public int code() {
		return this.code;
	}

}
