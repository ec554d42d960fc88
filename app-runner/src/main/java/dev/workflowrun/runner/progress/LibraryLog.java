package dev.workflowrun.runner.progress;

import dev.workflowrun.domain.run.RunEvent;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The libraries' log (fabric8, JGit, the AWS SDK log through SLF4J): warnings and errors only.
 * While a run logs JSON they become events of that run, in the same encoder as its own lines, so
 * every line on stderr is one JSON object; otherwise they are plain lines on stderr. Registered as
 * the SLF4J provider in {@code META-INF/services}.
 */
public final class LibraryLog implements SLF4JServiceProvider {

    /** Where a run takes the libraries' lines. */
    @FunctionalInterface
    public interface Sink {
        void log(RunEvent.Level level, String logger, String message);
    }

    /** Loggers whose warnings are noise here: Chaos Mesh's API is v1alpha1 and always will be. */
    private static final Map<String, Level> THRESHOLDS = Map.of("io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils", Level.ERROR);

    private static volatile Sink sink;

    /** From now on the libraries' lines go to {@code to}; {@code null} sends them back to stderr. */
    public static void routeTo(Sink to) {
        sink = to;
    }

    private final ILoggerFactory loggers = new Loggers();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }

    private static final class Loggers implements ILoggerFactory {
        private final Map<String, Logger> byName = new ConcurrentHashMap<>();

        @Override
        public Logger getLogger(String name) {
            return byName.computeIfAbsent(name, n -> new LibraryLogger(n, THRESHOLDS.getOrDefault(n, Level.WARN)));
        }
    }

    private static final class LibraryLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        private final transient Level threshold;

        LibraryLogger(String name, Level threshold) {
            this.name = name;
            this.threshold = threshold;
        }

        private boolean enabled(Level level) {
            return level.toInt() >= threshold.toInt();
        }

        @Override
        public boolean isTraceEnabled() {
            return enabled(Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return enabled(Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return enabled(Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return enabled(Level.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return enabled(Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
            if (!enabled(level)) {
                return;
            }
            String message = MessageFormatter.basicArrayFormat(pattern, arguments);
            if (throwable != null) {
                message = message + ": " + throwable;
            }
            String shortName = name.substring(name.lastIndexOf('.') + 1);
            Sink to = sink;
            if (to != null) {
                to.log(level == Level.ERROR ? RunEvent.Level.ERROR : RunEvent.Level.WARN, name, message);
            } else {
                PrintStream err = System.err;
                err.println(level + " " + shortName + " - " + message);
            }
        }
    }
}
