package dev.workflowrun.domain.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

/**
 * The use case behind {@code workflow-run history}: lists the store's {@code run.json} files page by
 * page, keeps each run's latest attempt (the highest {@code attempt-<n>} with a {@code run.json}), keeps
 * the newest {@code last} runs of each scenario by when they were written, reads only those, at most
 * {@code parallelism} at a time, and computes each scenario's history.
 */
public final class ReadHistory {

    /** Reads of {@code run.json} in flight at once: enough to hide S3's latency, few enough for any bucket's rate limits. */
    public static final int DEFAULT_PARALLELISM = 16;

    private final ReadRunSummariesPort store;
    private final BiFunction<String, String, PastRun> parser;
    private final int parallelism;

    /** @param parser makes a run of a {@code run.json}'s key and text; throws {@link IllegalArgumentException} when it cannot */
    public ReadHistory(ReadRunSummariesPort store, BiFunction<String, String, PastRun> parser, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        this.store = store;
        this.parser = parser;
        this.parallelism = parallelism;
    }

    /**
     * @param scenario only this scenario, or all
     * @param last     the newest runs of each scenario to read (at least 1)
     */
    public History read(String prefix, Optional<String> scenario, int last) {
        if (last < 1) {
            throw new IllegalArgumentException("--last must be at least 1, was " + last);
        }
        Map<String, Latest> latest = new HashMap<>();
        int[] listed = {0};
        store.listSummaries(prefix, page -> {
            for (StoredSummary summary : page) {
                listed[0]++;
                summary.place().filter(p -> scenario.isEmpty() || scenario.get().equals(p.scenario())).ifPresent(p -> latest.merge(p.runPrefix(),
                        new Latest(p, summary), (a, b) -> a.place().attempt() >= b.place().attempt() ? a : b));
            }
        });
        Map<String, List<Latest>> byScenario = new TreeMap<>();
        latest.values().forEach(l -> byScenario.computeIfAbsent(l.place().scenario(), s -> new ArrayList<>()).add(l));
        List<Latest> toRead = new ArrayList<>();
        byScenario.values().forEach(runs -> {
            runs.sort(Comparator.comparing((Latest l) -> l.summary().lastModified()).thenComparing(l -> l.place().runId()).reversed());
            toRead.addAll(runs.subList(0, Math.min(last, runs.size())));
        });
        List<String> unreadable = new ArrayList<>();
        Map<String, List<PastRun>> runs = new TreeMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, toRead.size())), r -> {
            Thread t = new Thread(r, "workflow-run-history");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<PastRun>> reads = new ArrayList<>();
            for (Latest l : toRead) {
                reads.add(pool.submit(() -> parser.apply(l.summary().key(), store.read(l.summary().key()))));
            }
            for (int i = 0; i < reads.size(); i++) {
                String key = toRead.get(i).summary().key();
                try {
                    PastRun run = reads.get(i).get();
                    runs.computeIfAbsent(toRead.get(i).place().scenario(), s -> new ArrayList<>()).add(run);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof HistoryException || e.getCause() instanceof IllegalArgumentException) {
                        unreadable.add(key + ": " + e.getCause().getMessage());
                    } else {
                        throw new HistoryException("reading " + key + " from " + store.describe() + " failed: " + e.getCause(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HistoryException("interrupted while reading runs from " + store.describe(), e);
        } finally {
            pool.shutdownNow();
        }
        List<ScenarioHistory> histories = new ArrayList<>();
        runs.forEach((name, list) -> histories.add(ScenarioHistory.of(name, list)));
        unreadable.sort(null);
        return new History(store.describe(), histories, listed[0], unreadable);
    }

    private record Latest(StoredSummary.Place place, StoredSummary summary) {
    }
}
