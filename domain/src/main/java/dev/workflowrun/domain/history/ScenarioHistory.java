package dev.workflowrun.domain.history;

import dev.workflowrun.domain.variables.GoDuration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The last runs of one scenario and what they say together: how often it passed, how long the
 * current outcome has held, which Tasks are flaky, and whether runs are getting slower.
 *
 * @param runs          newest first
 * @param currentStreak how many of the newest runs in a row share the newest run's outcome
 * @param longestStreak the longest row of runs with that outcome among these runs
 * @param flaky         Tasks that both passed and failed (or errored) at one commit, by task then commit
 */
public record ScenarioHistory(String scenario, List<PastRun> runs, double passRate, String currentOutcome, int currentStreak,
                              int longestStreak, List<FlakyTask> flaky, DurationTrend trend) {

    public ScenarioHistory {
        runs = List.copyOf(runs);
        flaky = List.copyOf(flaky);
    }

    public record FlakyTask(String task, String commit, int passed, int failed) {
    }

    /**
     * The median duration of the older half of the runs against the newer half; {@code change} is the
     * newer median's difference from the older one as a fraction ({@code 0.25} = a quarter slower).
     */
    public record DurationTrend(Optional<Duration> olderMedian, Optional<Duration> newerMedian, Optional<Double> change) {

        /** Changes within this fraction are steady: nightly runs vary by more than a few percent. */
        public static final double STEADY = 0.10;

        public String describe() {
            if (change.isEmpty()) {
                return "not enough runs (4 needed)";
            }
            double c = change.get();
            String word = Math.abs(c) < STEADY ? "steady" : c > 0 ? "slower" : "faster";
            return word + String.format(java.util.Locale.ROOT, " (%+.0f%%: median %s, then %s)", c * 100,
                    GoDuration.format(Duration.ofSeconds(olderMedian.get().toSeconds())), GoDuration.format(Duration.ofSeconds(newerMedian.get().toSeconds())));
        }
    }

    /** The history of {@code runs} (any order; all of one scenario). */
    public static ScenarioHistory of(String scenario, List<PastRun> runs) {
        List<PastRun> newestFirst = new ArrayList<>(runs);
        newestFirst.sort(Comparator.comparing(PastRun::startedAt).thenComparing(PastRun::runId).reversed());
        if (newestFirst.isEmpty()) {
            return new ScenarioHistory(scenario, List.of(), 0, "NONE", 0, 0, List.of(),
                    new DurationTrend(Optional.empty(), Optional.empty(), Optional.empty()));
        }
        String current = newestFirst.get(0).outcome();
        int currentStreak = 0;
        while (currentStreak < newestFirst.size() && newestFirst.get(currentStreak).outcome().equals(current)) {
            currentStreak++;
        }
        int longest = 0;
        int row = 0;
        for (PastRun run : newestFirst) {
            row = run.outcome().equals(current) ? row + 1 : 0;
            longest = Math.max(longest, row);
        }
        double passRate = (double) newestFirst.stream().filter(PastRun::passed).count() / newestFirst.size();
        return new ScenarioHistory(scenario, newestFirst, passRate, current, currentStreak, longest, flaky(newestFirst), trend(newestFirst));
    }

    private static List<FlakyTask> flaky(List<PastRun> runs) {
        Map<String, Map<String, int[]>> byTaskAndCommit = new TreeMap<>();
        for (PastRun run : runs) {
            if (run.commit().isEmpty()) {
                continue;
            }
            run.tasks().forEach((task, result) -> {
                int[] counts = byTaskAndCommit.computeIfAbsent(task, t -> new TreeMap<>()).computeIfAbsent(run.commit().get(), c -> new int[2]);
                if (result.equals("PASSED")) {
                    counts[0]++;
                } else if (result.equals("FAILED") || result.equals("ERROR")) {
                    counts[1]++;
                }
            });
        }
        List<FlakyTask> flaky = new ArrayList<>();
        byTaskAndCommit.forEach((task, commits) -> commits.forEach((commit, counts) -> {
            if (counts[0] > 0 && counts[1] > 0) {
                flaky.add(new FlakyTask(task, commit, counts[0], counts[1]));
            }
        }));
        return flaky;
    }

    private static DurationTrend trend(List<PastRun> newestFirst) {
        if (newestFirst.size() < 4) {
            return new DurationTrend(Optional.empty(), Optional.empty(), Optional.empty());
        }
        int half = newestFirst.size() / 2;
        Duration newer = median(newestFirst.subList(0, half));
        Duration older = median(newestFirst.subList(newestFirst.size() - half, newestFirst.size()));
        Optional<Double> change = older.isZero() ? Optional.empty()
                : Optional.of((double) (newer.toMillis() - older.toMillis()) / older.toMillis());
        return new DurationTrend(Optional.of(older), Optional.of(newer), change);
    }

    private static Duration median(List<PastRun> runs) {
        List<Duration> sorted = runs.stream().map(PastRun::duration).sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Every Task name these runs mention, sorted. */
    public Set<String> tasks() {
        Set<String> all = new TreeSet<>();
        runs.forEach(r -> all.addAll(r.tasks().keySet()));
        return all;
    }
}
