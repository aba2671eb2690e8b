package dev.cqlmigrations.benchmarks;

/**
 * Times two operations side by side: warm-up calls of both, then repetitions in which both run
 * the same number of times, interleaved call by call, with the side that goes first alternating
 * between repetitions. The ratio of each repetition compares medians measured within seconds of
 * each other, so that load from other processes on the machine affects both sides alike.
 */
final class Comparison {

	final Samples engine = new Samples();

	final Samples baseline = new Samples();

	/** Per repetition: median engine call / median baseline call. */
	final Samples ratios = new Samples();

	static Comparison measure(Runnable engine, Runnable baseline, int warmups, int repetitions, int calls) {
		for (int i = 0; i < warmups; i++) {
			engine.run();
			baseline.run();
		}
		Comparison comparison = new Comparison();
		for (int rep = 0; rep < repetitions; rep++) {
			Samples engineRep = new Samples();
			Samples baselineRep = new Samples();
			for (int call = 0; call < calls; call++) {
				if ((rep + call) % 2 == 0) {
					engineRep.add(time(engine));
					baselineRep.add(time(baseline));
				}
				else {
					baselineRep.add(time(baseline));
					engineRep.add(time(engine));
				}
			}
			comparison.engine.add(engineRep.median());
			comparison.baseline.add(baselineRep.median());
			comparison.ratios.add(engineRep.median() / baselineRep.median());
		}
		return comparison;
	}

	static double time(Runnable action) {
		long start = System.nanoTime();
		action.run();
		return System.nanoTime() - start;
	}

}
