package dev.cqlmigrations.sample.baseline;

/**
 * Baseline of the command-line benchmark (docs/benchmarks.md): a main that does nothing, launched
 * from the packaged sample through Spring Boot's launcher, as {@code migrate help} is.
 */
public final class TrivialMain {

	private TrivialMain() {
	}

	/**
	 * Prints one line.
	 * @param args ignored
	 */
	public static void main(String[] args) {
		System.out.println("trivial main");
	}

}
