package io.gencluster.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link InJvmTask} runs reported: values per key ({@code RESULT key value}) and
 * failures per key ({@code FAILED key why}).
 */
final class TaskResults {

    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    private final Map<String, Integer> failures = new LinkedHashMap<>();

    private final List<String> reasons = new ArrayList<>();

    /** Reads one output line; other lines are ignored. */
    void read(String line) {
        String[] parts = line.split(" ");
        if (parts.length == 3 && parts[0].equals("RESULT")) {
            values.computeIfAbsent(parts[1], key -> new ArrayList<>()).add(Double.parseDouble(parts[2]));
        }
        else if (parts.length >= 2 && parts[0].equals("FAILED")) {
            failures.merge(parts[1], 1, Integer::sum);
            reasons.add(parts[1] + ": " + (parts.length > 2 ? parts[2].replace('_', ' ') : "no reason"));
        }
    }

    /** Counts a run that produced nothing at all (crashed) as a failure of each key. */
    void crashed(List<String> keys, String why) {
        keys.forEach(key -> failures.merge(key, 1, Integer::sum));
        reasons.add(why);
    }

    /** Adds another run's results to these. */
    void addAll(TaskResults other) {
        other.values.forEach((key, list) -> values.computeIfAbsent(key, k -> new ArrayList<>()).addAll(list));
        other.failures.forEach((key, count) -> failures.merge(key, count, Integer::sum));
        reasons.addAll(other.reasons);
    }

    /** The runs of one key. */
    Summary summary(String key) {
        return new Summary(values.getOrDefault(key, List.of()), failures.getOrDefault(key, 0));
    }

    /** The values of one key, empty when none. */
    List<Double> values(String key) {
        return values.getOrDefault(key, List.of());
    }

    /** Why runs failed, one line each. */
    List<String> reasons() {
        return reasons;
    }

    boolean isEmpty() {
        return values.isEmpty() && failures.isEmpty();
    }

}
