package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.manifest.ManifestException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLAnchorReplayingFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Multi-document YAML read as Jackson 3 trees, safely.
 *
 * <p>Jackson's plain YAML parser turns an alias into the anchor's <em>name</em> (silently wrong
 * data) and its anchor-replaying parser expands aliases without a bound (an alias bomb). So the
 * text is first scanned event by event with snakeyaml-engine, which does not build anything:
 * the scan bounds the size, the nesting depth, the number of aliases and the number of nodes the
 * aliases would expand to. Only text that passes is handed to the replaying parser.
 */
final class YamlDocuments {

    /** Scenario files are tens of KiB; a megabyte is generous and keeps a hostile input cheap. */
    static final int MAX_CHARS = 1024 * 1024;
    static final int MAX_DEPTH = 64;
    static final int MAX_ALIASES = 100;
    static final long MAX_EXPANDED_NODES = 200_000;

    private static final YAMLMapper MAPPER = YAMLMapper.builder(new YAMLAnchorReplayingFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** One document: its 1-based position in the stream and its content (never null; an empty document is skipped). */
    record Document(int number, JsonNode root) {

        String label() {
            return "document " + number;
        }
    }

    private YamlDocuments() {
    }

    /** Reads every non-empty document of {@code yaml}; {@code what} names the input in errors. */
    static List<Document> read(String yaml, String what) {
        return read(yaml, what, MAX_CHARS);
    }

    /** As {@link #read(String, String)}, with another size limit (captured objects of a long run are larger than a scenario). */
    static List<Document> read(String yaml, String what, int maxChars) {
        if (yaml.length() > maxChars) {
            throw new ManifestException(what + " is " + yaml.length() + " characters, more than the limit of " + maxChars
                    + "; a scenario is one Workflow and a few small objects, so check that the right file was given");
        }
        scan(yaml, what, maxChars);
        List<Document> documents = new ArrayList<>();
        int number = 0;
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class)
                .readValues(yaml)) {
            while (it.hasNext()) {
                number++;
                JsonNode root = it.next();
                if (root != null && !root.isNull() && !root.isMissingNode()) {
                    documents.add(new Document(number, root));
                }
            }
        } catch (JacksonException e) {
            throw new ManifestException(what + ", document " + Math.max(number, 1) + ": not valid YAML ("
                    + e.getOriginalMessage() + location(e) + ")", e);
        }
        return List.copyOf(documents);
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    /**
     * Walks the event stream without building nodes, failing on the first limit broken.
     */
    private static void scan(String yaml, String what, int maxChars) {
        LoadSettings settings = LoadSettings.builder()
                .setCodePointLimit(maxChars)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowDuplicateKeys(false)
                .build();
        Map<String, Long> anchorSizes = new HashMap<>();
        Deque<long[]> open = new ArrayDeque<>();          // per open collection: expanded count at its start
        Deque<Optional<String>> openAnchors = new ArrayDeque<>();
        long expanded = 0;
        int aliases = 0;
        int document = 0;
        try {
            for (Event event : new Parse(settings).parseString(yaml)) {
                switch (event.getEventId()) {
                    case DocumentStart -> {
                        document++;
                        anchorSizes.clear();
                    }
                    case Scalar -> {
                        expanded++;
                        anchorOf(event).ifPresent(a -> anchorSizes.put(a, 1L));
                    }
                    case MappingStart, SequenceStart -> {
                        expanded++;
                        open.push(new long[] {expanded});
                        openAnchors.push(anchorOf(event));
                        if (open.size() > MAX_DEPTH) {
                            throw new ManifestException(what + ", document " + document + ": nested deeper than " + MAX_DEPTH
                                    + " levels" + at(event.getStartMark()) + "; a Kubernetes manifest never needs that");
                        }
                    }
                    case MappingEnd, SequenceEnd -> {
                        long start = open.pop()[0];
                        Optional<String> anchor = openAnchors.pop();
                        long size = expanded - start + 1;
                        anchor.ifPresent(a -> anchorSizes.put(a, size));
                    }
                    case Alias -> {
                        aliases++;
                        String name = ((AliasEvent) event).getAlias().getValue();
                        Long size = anchorSizes.get(name);
                        if (size == null) {
                            throw new ManifestException(what + ", document " + document + ": alias *" + name
                                    + " refers to no anchor defined before it" + at(event.getStartMark()));
                        }
                        if (aliases > MAX_ALIASES) {
                            throw new ManifestException(what + ", document " + document + ": more than " + MAX_ALIASES
                                    + " YAML aliases; expand them in the file");
                        }
                        expanded += size;
                    }
                    default -> {
                    }
                }
                if (expanded > MAX_EXPANDED_NODES) {
                    throw new ManifestException(what + ", document " + document + ": YAML aliases expand to more than "
                            + MAX_EXPANDED_NODES + " nodes" + at(event.getStartMark())
                            + "; this looks like an alias bomb, refusing to read it");
                }
            }
        } catch (YamlEngineException e) {
            throw new ManifestException(what + ", document " + Math.max(document, 1) + ": not valid YAML ("
                    + e.getMessage().replace('\n', ' ') + ")", e);
        }
    }

    private static Optional<String> anchorOf(Event event) {
        return event instanceof NodeEvent n ? n.getAnchor().map(a -> a.getValue()) : Optional.empty();
    }

    private static String at(Optional<Mark> mark) {
        return mark.map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1)).orElse("");
    }
}
