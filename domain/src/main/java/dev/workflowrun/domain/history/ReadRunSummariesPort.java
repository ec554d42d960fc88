package dev.workflowrun.domain.history;

import java.util.List;
import java.util.function.Consumer;

/** Out-port: the {@code run.json} files of a store (a bucket or a directory), listed page by page and read one by one. */
public interface ReadRunSummariesPort {

    /**
     * Lists every {@code run.json} under {@code prefix}, handing each page of the listing to {@code page} as it arrives.
     *
     * @throws HistoryException when the store cannot be listed
     */
    void listSummaries(String prefix, Consumer<List<StoredSummary>> page);

    /**
     * The text of one {@code run.json}. Called from several threads at once.
     *
     * @throws HistoryException when it cannot be read
     */
    String read(String key);

    /** The store, for messages ({@code s3://bucket/prefix}, a directory). */
    String describe();
}
