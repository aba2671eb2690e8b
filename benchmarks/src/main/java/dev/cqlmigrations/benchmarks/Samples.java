package dev.cqlmigrations.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measured values of one quantity (durations in nanoseconds, ratios, rates) with their median and
 * spread.
 */
final class Samples {

	private final List<Double> values = new ArrayList<>();

	void add(double value) {
		this.values.add(value);
	}

	int size() {
		return this.values.size();
	}

	double total() {
		return this.values.stream().mapToDouble(Double::doubleValue).sum();
	}

	double median() {
		List<Double> sorted = sorted();
		int n = sorted.size();
		if (n == 0) {
			return Double.NaN;
		}
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	double min() {
		return sorted().get(0);
	}

	double max() {
		List<Double> sorted = sorted();
		return sorted.get(sorted.size() - 1);
	}

	private List<Double> sorted() {
		List<Double> sorted = new ArrayList<>(this.values);
		sorted.sort(Double::compareTo);
		return sorted;
	}

	/** Nanoseconds as milliseconds: {@code median ms (min–max)}. */
	String millis() {
		return String.format(Locale.ROOT, "%s ms (%s–%s)", ms(median()), ms(min()), ms(max()));
	}

	/** Median nanoseconds as milliseconds, without the spread. */
	String medianMillis() {
		return ms(median()) + " ms";
	}

	/** A ratio: {@code 1.07× (1.02–1.15)}. */
	String ratio() {
		return String.format(Locale.ROOT, "%.2f× (%.2f–%.2f)", median(), min(), max());
	}

	/** Plain numbers with the given format: {@code median (min–max)}. */
	String plain(String format) {
		return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", median(), min(), max());
	}

	static String ms(double nanos) {
		double millis = nanos / 1_000_000.0;
		return String.format(Locale.ROOT, (millis < 10) ? "%.2f" : (millis < 100) ? "%.1f" : "%.0f", millis);
	}

}
