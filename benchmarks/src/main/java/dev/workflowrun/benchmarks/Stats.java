package dev.workflowrun.benchmarks;

import java.util.List;

/** Order statistics of a sample: median and nearest-rank percentiles. */
record Stats(List<Double> sorted) {

    static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        return new Stats(values.stream().sorted().toList());
    }

    double median() {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Nearest rank: the smallest value with at least p % of the sample at or below it. */
    double percentile(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    double min() {
        return sorted.get(0);
    }

    double max() {
        return sorted.get(sorted.size() - 1);
    }

    int n() {
        return sorted.size();
    }
}
