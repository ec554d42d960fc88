package dev.workflowrun.domain.history;

/** The store's runs could not be listed or read; the message names the store and what to check. */
public class HistoryException extends RuntimeException {

    public HistoryException(String message) {
        super(message);
    }

    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
