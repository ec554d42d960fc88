package dev.workflowrun.domain.testing;

import dev.workflowrun.domain.scenario.FetchRequest;
import dev.workflowrun.domain.scenario.FetchScenarioPort;
import dev.workflowrun.domain.scenario.ResolvedScenario;
import dev.workflowrun.domain.scenario.ScenarioFetchException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Scenarios by path, all at one commit; or a failure to throw. */
public final class InMemoryScenarioSource implements FetchScenarioPort {

    public static final String COMMIT = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";

    private final Map<String, String> files = new HashMap<>();
    private ScenarioFetchException failure;
    private final List<FetchRequest> requests = new ArrayList<>();

    public InMemoryScenarioSource put(String path, String content) {
        files.put(path, content);
        return this;
    }

    public InMemoryScenarioSource failWith(ScenarioFetchException e) {
        this.failure = e;
        return this;
    }

    /** Something that blocks before the fetch answers, as a hanging git server would. */
    public interface Block {
        void await() throws InterruptedException;
    }

    private Block block;

    public InMemoryScenarioSource blockWith(Block block) {
        this.block = block;
        return this;
    }

    public List<FetchRequest> requests() {
        return requests;
    }

    @Override
    public ResolvedScenario fetch(FetchRequest request) {
        requests.add(request);
        if (block != null) {
            try {
                block.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScenarioFetchException(ScenarioFetchException.Reason.UNREACHABLE, "interrupted");
            }
        }
        if (failure != null) {
            throw failure;
        }
        String template = files.get(request.scenario().path());
        if (template == null) {
            throw new ScenarioFetchException(ScenarioFetchException.Reason.PATH_NOT_FOUND,
                    request.scenario().path() + " not found at commit " + COMMIT);
        }
        Map<String, String> extra = new HashMap<>();
        for (String p : request.extraPaths()) {
            if (files.containsKey(p)) {
                extra.put(p, files.get(p));
            }
        }
        return new ResolvedScenario(request.scenario(), COMMIT, template, extra, "memory:" + request.scenario().repository());
    }
}
