package io.gencluster.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The min, median and max of a figure's runs, as the results tables show them.
 *
 * @param samples the value of each run that finished, in the order measured
 * @param failures how many runs did not finish (no mesh, no event within the deadline)
 */
public record Summary(List<Double> samples, int failures) {

    /** Keeps a copy of the samples. */
    public Summary {
        samples = List.copyOf(samples);
    }

    /** Runs that all finished. */
    public Summary(List<Double> samples) {
        this(samples, 0);
    }

    /** The smallest sample, NaN when there is none. */
    public double min() {
        return sorted().stream().findFirst().orElse(Double.NaN);
    }

    /**
     * The middle sample (the mean of the two middle ones for an even count), NaN when
     * there is none.
     */
    public double median() {
        List<Double> sorted = sorted();
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The largest sample, NaN when there is none. */
    public double max() {
        List<Double> sorted = sorted();
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1);
    }

    /** {@code min / median / max} with the given number of decimals, or {@code n/a}. */
    public String format(int decimals) {
        String failed = failures == 0 ? ""
                : " **" + failures + " of " + (failures + samples.size()) + " runs did not finish**";
        if (samples.isEmpty()) {
            return failures == 0 ? "n/a" : failed.strip();
        }
        return number(min(), decimals) + " / " + number(median(), decimals) + " / " + number(max(), decimals) + failed;
    }

    /** A number with the given decimals, {@code n/a} for NaN. */
    public static String number(double value, int decimals) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private List<Double> sorted() {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return sorted;
    }
}
