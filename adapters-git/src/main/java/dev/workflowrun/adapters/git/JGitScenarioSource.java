package dev.workflowrun.adapters.git;

import dev.workflowrun.domain.scenario.CommitSha;
import dev.workflowrun.domain.scenario.FetchRequest;
import dev.workflowrun.domain.scenario.FetchScenarioPort;
import dev.workflowrun.domain.scenario.ResolvedScenario;
import dev.workflowrun.domain.scenario.ScenarioFetchException;
import dev.workflowrun.domain.scenario.ScenarioFetchException.Reason;
import dev.workflowrun.domain.scenario.ScenarioRef;

import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Fetches a scenario at a ref with JGit, never with a {@code git} binary.
 *
 * <p>How a ref becomes one commit, fetching as little as possible:
 * <ol>
 *   <li>The likely meaning is tried first with one depth-1 fetch and no separate ls-remote
 *       (with protocol v2 the fetch lists only the refs it asks for): a name as
 *       {@code refs/heads/<name>} (or as given when it is {@code HEAD} or a full {@code refs/...}
 *       name), a full 40-hex SHA as itself (protocol v2 servers, GitHub and {@code git daemon}
 *       serve any commit). A branch or a SHA therefore costs one connection.</li>
 *   <li>When the server does not have that, its refs are listed (ls-remote) and the name is
 *       looked up as {@code refs/tags/<name>} (annotated tags are peeled) and {@code refs/<name>};
 *       a ref not found there gets close matches in the error.</li>
 *   <li>An abbreviated SHA (7 to 39 hex) cannot be sent to a server. It is matched against the
 *       advertised tips, which covers the usual "short SHA of a branch head"; otherwise all
 *       branches and tags are fetched without depth into a temporary repository and the
 *       abbreviation is resolved there (ambiguity is an error). A full SHA the server refused
 *       (protocol v0 without {@code allowReachableSHA1InWant}) is looked up the same way.</li>
 * </ol>
 * With a cache directory, the shallow repository is kept per remote, and a full SHA already in it
 * needs no network at all. Full fetches never go to the cache, because fetching without depth into
 * a shallow repository does not deepen what is already shallow.
 */
final class JGitScenarioSource implements FetchScenarioPort {

    private static final Logger LOG = LoggerFactory.getLogger(JGitScenarioSource.class);

    static final String FETCHED_REF = "refs/workflow-run/fetched";
    private static final List<RefSpec> ALL_BRANCHES_AND_TAGS = List.of(
            new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"));
    private static final int MAX_SUGGESTIONS = 5;

    private final GitSourceConfig config;
    private final TokenSource tokens;

    JGitScenarioSource(GitSourceConfig config, TokenSource tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    @Override
    public ResolvedScenario fetch(FetchRequest request) {
        ScenarioRef given = request.scenario();
        RepositoryLocation location = RepositoryLocation.parse(given.repository());
        // What travels on: the same scenario, with the repository stripped of any credential.
        ScenarioRef scenario = new ScenarioRef(location.origin(), given.ref().strip(), given.path());
        List<String> extraPaths = request.extraPaths();
        requireSafe(scenario.path(), location);
        extraPaths.forEach(p -> requireSafe(p, location));

        if (location.isSsh() && SshSessionFactory.getInstance() == null) {
            throw new ScenarioFetchException(Reason.UNREACHABLE, "git repository " + location.origin()
                    + " is addressed over ssh, which this build does not include; use its https URL with a token file"
                    + " or token environment variable (or git:// / file:// for local mirrors)");
        }
        RemoteRepository remote = new RemoteRepository(location, config.timeout(), tokens.token());
        try {
            return fetch(scenario, extraPaths, location, remote);
        } catch (UncheckedIOException e) {
            // Local trouble (disk full, unwritable cache directory), not the repository's fault.
            throw new ScenarioFetchException(Reason.OTHER, remote.failures().redact(String.valueOf(e.getMessage()))
                    + "; check free space and permissions of the temporary or cache directory", e);
        }
    }

    private ResolvedScenario fetch(ScenarioRef scenario, List<String> extraPaths, RepositoryLocation location,
                                   RemoteRepository remote) {
        long started = System.nanoTime();
        try (Workspace workspace = Workspace.open(config.cacheDir(), location.fetchUri())) {
            Located located = locate(workspace, remote, scenario.ref());
            Repository repository = located.repository();
            try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
                RevCommit commit = walk.parseCommit(located.commit());
                CommitFiles files = new CommitFiles(reader, commit, config.maxFileBytes(), location.origin(), scenario.ref());
                String template = files.read(scenario.path());
                Map<String, String> extra = new TreeMap<>();
                siblingFolder(scenario.path()).flatMap(files::readFolder).ifPresent(extra::putAll);
                for (String path : extraPaths) {
                    extra.put(path, files.read(path));
                }
                LOG.debug("fetched {} at {} from {}: commit {} ({} ms, {})", scenario.path(), scenario.ref(),
                        location.origin(), commit.name(), (System.nanoTime() - started) / 1_000_000,
                        located.how());
                return new ResolvedScenario(scenario, commit.name(), template, extra, location.origin());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the fetched commit of " + location.origin(), e);
            }
        }
    }

    private record Located(Repository repository, ObjectId commit, String how) {
    }

    private Located locate(Workspace workspace, RemoteRepository remote, String ref) {
        Repository shallow = workspace.shallow();
        if (CommitSha.isFull(ref.toLowerCase(Locale.ROOT))) {
            ObjectId wanted = ObjectId.fromString(ref.toLowerCase(Locale.ROOT));
            if (workspace.cached() && peelToCommit(shallow, wanted).isPresent()) {
                return new Located(shallow, wanted, "cached");
            }
            if (tryFetch(remote, shallow, new RefSpec(wanted.name()))) {
                Optional<ObjectId> commit = peelToCommit(shallow, wanted);
                if (commit.isPresent()) {
                    return new Located(shallow, commit.get(), "depth 1 by SHA");
                }
            }
            Repository full = workspace.fresh();
            remote.fetchOrFail(full, ALL_BRANCHES_AND_TAGS, false);
            return peelToCommit(full, wanted).map(c -> new Located(full, c, "full fetch"))
                    .orElseThrow(() -> new ScenarioFetchException(Reason.REF_NOT_FOUND, "commit " + wanted.name()
                            + " was not found in git repository " + remote.location().origin()
                            + ": the server does not serve it and no branch or tag reaches it; check the SHA and that the commit was pushed"));
        }

        String likely = candidateNames(ref).get(0);
        if (isFetchableName(likely) && tryFetch(remote, shallow, fetchedAs(likely))) {
            return located(shallow, remote, likely, ref);
        }
        Map<String, Ref> advertised = remote.advertised();
        for (String candidate : candidateNames(ref)) {
            if (advertised.containsKey(candidate)) {
                return fetchNamed(shallow, remote, candidate, ref);
            }
        }
        String lower = ref.toLowerCase(Locale.ROOT);
        if (CommitSha.isAbbreviation(lower)) {
            Map<ObjectId, String> tips = new LinkedHashMap<>();
            for (Ref tip : advertised.values()) {
                ObjectId id = tip.getPeeledObjectId() != null ? tip.getPeeledObjectId() : tip.getObjectId();
                if (id != null && id.name().startsWith(lower)) {
                    tips.putIfAbsent(id, tip.getName());
                }
            }
            if (tips.size() == 1) {
                return fetchNamed(shallow, remote, tips.values().iterator().next(), ref);
            }
            if (tips.size() > 1) {
                throw ambiguous(ref, remote, tips.keySet());
            }
            Repository full = workspace.fresh();
            remote.fetchOrFail(full, ALL_BRANCHES_AND_TAGS, false);
            Set<ObjectId> commits = resolveAbbreviation(full, lower);
            if (commits.size() == 1) {
                return new Located(full, commits.iterator().next(), "full fetch for an abbreviated SHA");
            }
            if (commits.size() > 1) {
                throw ambiguous(ref, remote, commits);
            }
            throw new ScenarioFetchException(Reason.REF_NOT_FOUND, "ref '" + ref + "' was not found in git repository "
                    + remote.location().origin() + ": no branch or tag has that name and no commit reachable from a branch or tag starts with it"
                    + suggestions(ref, advertised) + ". Check the SHA and that the commit was pushed");
        }
        throw new ScenarioFetchException(Reason.REF_NOT_FOUND, "ref '" + ref + "' was not found in git repository "
                + remote.location().origin() + ": it is neither a branch nor a tag there" + suggestions(ref, advertised)
                + ". Pass an existing branch, tag, full commit SHA or an abbreviated SHA of at least 7 hex digits");
    }

    /**
     * One depth-1 fetch; false when the server answered but does not have what was asked for.
     * Connection and authentication failures are thrown: no other attempt could succeed.
     */
    private static boolean tryFetch(RemoteRepository remote, Repository into, RefSpec spec) {
        try {
            remote.fetch(into, List.of(spec), true);
            return true;
        } catch (GitAPIException e) {
            Optional<ScenarioFetchException> failure = remote.connectionFailure(e);
            if (failure.isPresent()) {
                throw failure.get();
            }
            return false;
        }
    }

    /** A name git would accept as a ref; anything else cannot exist on the server and is not sent. */
    private static boolean isFetchableName(String name) {
        return name.equals("HEAD") || Repository.isValidRefName(name);
    }

    private static RefSpec fetchedAs(String name) {
        return new RefSpec("+" + name + ":" + FETCHED_REF);
    }

    private Located fetchNamed(Repository shallow, RemoteRepository remote, String name, String ref) {
        remote.fetchOrFail(shallow, List.of(fetchedAs(name)), true);
        return located(shallow, remote, name, ref);
    }

    private Located located(Repository shallow, RemoteRepository remote, String name, String ref) {
        try {
            Ref fetched = shallow.exactRef(FETCHED_REF);
            if (fetched == null) {
                throw new ScenarioFetchException(Reason.REF_NOT_FOUND, "ref '" + ref + "' (" + name
                        + ") disappeared from git repository " + remote.location().origin() + " while it was fetched; try again");
            }
            return peelToCommit(shallow, fetched.getObjectId())
                    .map(c -> new Located(shallow, c, "depth 1 of " + name))
                    .orElseThrow(() -> new ScenarioFetchException(Reason.REF_NOT_FOUND, "ref '" + ref + "' (" + name
                            + ") of git repository " + remote.location().origin()
                            + " does not point to a commit; pass a branch, a tag of a commit, or a commit SHA"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fetched ref of " + remote.location().origin(), e);
        }
    }

    /** Names to try for a ref, in git's order of precedence for the ones we support. */
    static List<String> candidateNames(String ref) {
        if (ref.startsWith("refs/") || ref.equals("HEAD")) {
            return List.of(ref);
        }
        return List.of("refs/heads/" + ref, "refs/tags/" + ref, "refs/" + ref);
    }

    private static Optional<ObjectId> peelToCommit(Repository repository, ObjectId id) {
        try (RevWalk walk = new RevWalk(repository)) {
            RevObject object = walk.peel(walk.parseAny(id));
            return object instanceof RevCommit ? Optional.of(object.copy()) : Optional.empty();
        } catch (MissingObjectException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read object " + id.name() + " from the local repository", e);
        }
    }

    private static Set<ObjectId> resolveAbbreviation(Repository repository, String abbreviation) {
        Set<ObjectId> commits = new LinkedHashSet<>();
        try (ObjectReader reader = repository.newObjectReader()) {
            for (ObjectId candidate : reader.resolve(AbbreviatedObjectId.fromString(abbreviation))) {
                peelToCommit(repository, candidate).ifPresent(commits::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve '" + abbreviation + "' in the fetched repository", e);
        }
        return commits;
    }

    private static ScenarioFetchException ambiguous(String ref, RemoteRepository remote, Set<ObjectId> commits) {
        List<String> names = commits.stream().map(ObjectId::name).sorted().toList();
        return new ScenarioFetchException(Reason.REF_NOT_FOUND, "abbreviated SHA '" + ref + "' is ambiguous in git repository "
                + remote.location().origin() + ": it matches commits " + String.join(", ", names)
                + "; pass more hex digits or the full SHA");
    }

    /** Close matches among the advertised branch and tag names, cheap because ls-remote already listed them. */
    static String suggestions(String ref, Map<String, Ref> advertised) {
        String wanted = ref.toLowerCase(Locale.ROOT);
        Map<String, Integer> scored = new LinkedHashMap<>();
        for (String name : advertised.keySet()) {
            String shortName = name.replaceFirst("^refs/(heads|tags)/", "");
            if (shortName.equals(name) && !name.equals("HEAD") || name.endsWith("^{}")) {
                continue; // refs outside branches and tags (pull requests, notes) are noise here
            }
            String candidate = shortName.toLowerCase(Locale.ROOT);
            int distance = levenshtein(wanted, candidate);
            boolean close = distance <= Math.max(2, wanted.length() / 3)
                    || (wanted.length() >= 3 && (candidate.contains(wanted) || wanted.contains(candidate)));
            if (close && !shortName.equals("HEAD")) {
                scored.merge(shortName, distance, Math::min);
            }
        }
        if (scored.isEmpty()) {
            return "";
        }
        List<String> best = new ArrayList<>(scored.keySet());
        best.sort(Comparator.comparing((String name) -> scored.get(name)).thenComparing(Comparator.naturalOrder()));
        return "; close matches: " + String.join(", ", best.subList(0, Math.min(MAX_SUGGESTIONS, best.size())));
    }

    private static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** {@code scenarios/<name>.yaml} has its companion files in {@code scenarios/<name>/}. */
    static Optional<String> siblingFolder(String scenarioPath) {
        String lower = scenarioPath.toLowerCase(Locale.ROOT);
        for (String extension : List.of(".yaml", ".yml")) {
            if (lower.endsWith(extension) && scenarioPath.length() > extension.length()) {
                return Optional.of(scenarioPath.substring(0, scenarioPath.length() - extension.length()));
            }
        }
        return Optional.empty();
    }

    /** The domain already refuses these; checked again here because this is where files are read. */
    private static void requireSafe(String path, RepositoryLocation location) {
        String why = null;
        if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*")) {
            why = "is absolute";
        } else if (path.contains("\\")) {
            why = "contains a backslash";
        } else {
            for (String segment : path.split("/")) {
                if (segment.equals("..")) {
                    why = "contains '..'";
                } else if (segment.equalsIgnoreCase(".git")) {
                    why = "names git's own metadata";
                }
            }
        }
        if (why != null) {
            throw new ScenarioFetchException(Reason.UNSAFE_PATH, "path '" + path + "' in git repository " + location.origin()
                    + " " + why + "; give a path relative to the repository root that stays inside it, e.g. scenarios/release-test.yaml");
        }
    }
}
