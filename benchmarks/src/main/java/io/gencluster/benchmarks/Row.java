package io.gencluster.benchmarks;

import java.util.EnumMap;
import java.util.Map;

/**
 * One row of a results table: a figure measured for some of the systems.
 *
 * @param label what was measured
 * @param values each system's runs
 */
public record Row(String label, Map<Kind, Summary> values) {

    /** An empty row to fill. */
    public static Row of(String label) {
        return new Row(label, new EnumMap<>(Kind.class));
    }

    /** Records a system's runs. */
    public Row put(Kind kind, Summary summary) {
        values.put(kind, summary);
        return this;
    }

    /** A system's runs, empty when it was not measured. */
    public Summary get(Kind kind) {
        return values.getOrDefault(kind, new Summary(java.util.List.of()));
    }

    /**
     * Theirs ÷ ours, by median: above 1 means gen-cluster took less (time, CPU, bytes);
     * {@code n/a} unless both are positive (a time measured from a point it may precede).
     */
    public String ratio(Kind theirs, int decimals) {
        double ours = get(Kind.OURS).median();
        double other = get(theirs).median();
        if (Double.isNaN(ours) || Double.isNaN(other) || ours <= 0 || other <= 0) {
            return "n/a";
        }
        return Summary.number(other / ours, decimals) + "×";
    }

    /**
     * Ours ÷ theirs, by median, for rates: above 1 means gen-cluster handled more.
     */
    public String inverseRatio(Kind theirs, int decimals) {
        double ours = get(Kind.OURS).median();
        double other = get(theirs).median();
        if (Double.isNaN(ours) || Double.isNaN(other) || other == 0) {
            return "n/a";
        }
        return Summary.number(ours / other, decimals) + "×";
    }

}
