package dev.workflowrun.domain.verify;

import dev.workflowrun.domain.drift.DriftFinding;
import dev.workflowrun.domain.drift.DriftRule;
import dev.workflowrun.domain.lint.LintScenario;
import dev.workflowrun.domain.lint.SampleValues;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.manifest.ManifestCheck;
import dev.workflowrun.domain.manifest.ReadManifestPort;
import dev.workflowrun.domain.pipeline.IdentityBinding;
import dev.workflowrun.domain.pipeline.RoleAssignment;
import dev.workflowrun.domain.pipeline.ScenarioPipeline;
import dev.workflowrun.domain.scenario.FetchRequest;
import dev.workflowrun.domain.scenario.FetchScenarioPort;
import dev.workflowrun.domain.scenario.ResolvedScenario;
import dev.workflowrun.domain.variables.IdentityRoles;
import dev.workflowrun.domain.variables.ImageRef;
import dev.workflowrun.domain.variables.Pinning;
import dev.workflowrun.domain.variables.VariableDeclaration;
import dev.workflowrun.domain.variables.VariableType;
import dev.workflowrun.domain.variables.VariableProblem;
import dev.workflowrun.domain.variables.Variables;
import dev.workflowrun.domain.variables.VariablesException;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The build-time use case: for every {@code workflow-run} invocation a platform repository
 * deploys, resolve its scenario ref through git and check what it declares (drift rules, lint,
 * pinned images), then check that invocations claiming the same scenario ref agree on shared
 * variables. No cluster is needed; live rules are reported as skipped.
 */
public final class VerifyDrift {

    private final FetchScenarioPort source;
    private final ReadManifestPort manifests;
    private final List<ManifestCheck> lintRules;
    private final Pinning pinning;
    private final boolean offline;

    /** The rule name of the row that says a scenario could not be fetched (a network or git failure, not a broken rule). */
    public static final String FETCH = "fetch";

    public VerifyDrift(FetchScenarioPort source, ReadManifestPort manifests, List<ManifestCheck> lintRules) {
        this(source, manifests, lintRules, Pinning.TAG);
    }

    /** With container and image-variable images held to {@code pinning} ({@code --pinned}). */
    public VerifyDrift(FetchScenarioPort source, ReadManifestPort manifests, List<ManifestCheck> lintRules, Pinning pinning) {
        this(source, manifests, lintRules, pinning, false);
    }

    private VerifyDrift(FetchScenarioPort source, ReadManifestPort manifests, List<ManifestCheck> lintRules, Pinning pinning, boolean offline) {
        this.source = source;
        this.manifests = manifests;
        this.lintRules = List.copyOf(lintRules);
        this.pinning = java.util.Objects.requireNonNull(pinning, "pinning");
        this.offline = offline;
    }

    /** The same checks without git ({@code --offline}): only what needs no fetched scenario ({@link OfflineChecks}); the rest is skipped. */
    public VerifyDrift offline() {
        return new VerifyDrift(source, manifests, lintRules, pinning, true);
    }

    public VerifyReport verify(List<Invocation> invocations) {
        Session session = session(Integer.MAX_VALUE);
        invocations.forEach(session::add);
        return session.finish();
    }

    /** A verification fed one invocation at a time, keeping only what its bounded report needs. */
    public Session session(int rowsShown) {
        return new Session(rowsShown);
    }

    /**
     * One verification in progress. Its memory is the broken rows, up to {@code rowsShown} other
     * rows, one fetch per scenario ref (the same ref is fetched once, however many CronJobs run it)
     * and, per ref, one entry per distinct variable value: linear in what differs, not in the count
     * of CronJobs squared.
     */
    public final class Session {
        private final int rowsShown;
        private final List<VerifyRow> shown = new ArrayList<>();
        private final Map<VerifyRow.Verdict, Long> counts = new EnumMap<>(VerifyRow.Verdict.class);
        private final Map<String, RefGroup> groups = new TreeMap<>();
        private final Map<FetchRequest, Object> fetched = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<FetchRequest, Object> eldest) {
                return size() > FETCH_CACHE;
            }
        };
        private final Map<List<Object>, List<LintFinding>> linted = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<List<Object>, List<LintFinding>> eldest) {
                return size() > LINT_CACHE;
            }
        };
        private long notShown;
        private long otherShown;
        private long invocations;

        private Session(int rowsShown) {
            this.rowsShown = Math.max(0, rowsShown);
        }

        public void add(Invocation invocation) {
            invocations++;
            verify(invocation, this).forEach(this::row);
            groups.computeIfAbsent(invocation.ref().displayRepository() + "@" + invocation.ref().ref(), RefGroup::new).add(invocation);
        }

        /** A container whose arguments could not be read as a run: one broken row, and the others go on. */
        public void broken(String origin, String scenario, String rule, String expected, String actual, String fix) {
            invocations++;
            row(new VerifyRow(origin, scenario, rule, expected, actual, VerifyRow.Verdict.BROKEN, fix));
        }

        public long invocations() {
            return invocations;
        }

        public VerifyReport finish() {
            groups.values().forEach(g -> g.rows().forEach(this::row));
            groups.clear();
            return new VerifyReport(shown, counts, notShown, invocations);
        }

        private void row(VerifyRow row) {
            counts.merge(row.verdict(), 1L, Long::sum);
            if (row.verdict() == VerifyRow.Verdict.BROKEN) {
                shown.add(row);
            } else if (otherShown < rowsShown) {
                otherShown++;
                shown.add(row);
            } else {
                notShown++;
            }
        }

        ResolvedScenario fetch(FetchRequest request) {
            Object result = fetched.computeIfAbsent(request, r -> {
                try {
                    return source.fetch(r);
                } catch (RuntimeException e) {
                    return e;
                }
            });
            if (result instanceof RuntimeException e) {
                throw e;
            }
            return (ResolvedScenario) result;
        }

        List<LintFinding> lint(String scenarioName, String template, String namespace, Map<String, String> given, String runIdVar, String namespaceVar) {
            List<Object> key = List.of(scenarioName, template, namespace, Map.copyOf(given), runIdVar, namespaceVar);
            List<LintFinding> cached = linted.get(key);
            if (cached == null) {
                cached = List.copyOf(new LintScenario(manifests, lintRules).lint(scenarioName, template, namespace, given, runIdVar, namespaceVar));
                linted.put(key, cached);
            }
            return cached;
        }
    }

    private static final int LINT_CACHE = 64;
    private static final int FETCH_CACHE = 64;
    /** Origins named per value in a consistency row; the rest are counted. */
    private static final int ORIGINS_NAMED = 3;
    /** Distinct values listed in a consistency row; the rest are counted. */
    private static final int VALUES_NAMED = 5;

    /** What the consistency check needs of the invocations of one scenario ref: counts and a few names, never every origin. */
    private static final class RefGroup {
        private final String ref;
        private long size;
        private final List<String> firstOrigins = new ArrayList<>();
        /** variable → value → (how many, the first origins). */
        private final Map<String, Map<String, Seen>> values = new TreeMap<>();

        RefGroup(String ref) {
            this.ref = ref;
        }

        void add(Invocation inv) {
            size++;
            if (firstOrigins.size() < ORIGINS_NAMED) {
                firstOrigins.add(inv.origin());
            }
            inv.variables().forEach((name, value) -> values.computeIfAbsent(name, k -> new TreeMap<>())
                    .computeIfAbsent(value, k -> new Seen()).add(inv.origin()));
        }

        List<VerifyRow> rows() {
            List<VerifyRow> rows = new ArrayList<>();
            if (size < 2) {
                return rows;
            }
            String origins = named(firstOrigins, size);
            values.forEach((name, byValue) -> {
                long holders = byValue.values().stream().mapToLong(s -> s.count).sum();
                if (holders < 2) {
                    return;
                }
                if (byValue.size() == 1) {
                    rows.add(new VerifyRow(origins, "(shared)", "consistent " + name, "one value at " + ref, byValue.keySet().iterator().next(),
                            VerifyRow.Verdict.HOLDS, ""));
                    return;
                }
                StringBuilder actual = new StringBuilder();
                int listed = 0;
                for (Map.Entry<String, Seen> e : byValue.entrySet()) {
                    if (listed++ == VALUES_NAMED) {
                        actual.append("; and ").append(byValue.size() - VALUES_NAMED).append(" more value(s)");
                        break;
                    }
                    actual.append(actual.length() == 0 ? "" : "; ").append(e.getKey()).append(" in ").append(named(e.getValue().origins, e.getValue().count));
                }
                rows.add(new VerifyRow(origins, "(shared)", "consistent " + name, "one value at " + ref, actual.toString(),
                        VerifyRow.Verdict.BROKEN, "give " + name + " the same value in every CronJob that runs " + ref));
            });
            return rows;
        }

        private static String named(List<String> first, long count) {
            return String.join(", ", first) + (count > first.size() ? " and " + (count - first.size()) + " more" : "");
        }
    }

    private static final class Seen {
        long count;
        final List<String> origins = new ArrayList<>();

        void add(String origin) {
            count++;
            if (origins.size() < ORIGINS_NAMED) {
                origins.add(origin);
            }
        }
    }

    private List<VerifyRow> verify(Invocation inv, Session session) {
        List<VerifyRow> rows = new ArrayList<>();
        for (String image : new TreeSet<>(inv.images())) {
            rows.add(pinned(inv, "container image", image));
        }
        if (offline) {
            rows.addAll(OfflineChecks.rows(inv, manifests, name -> pinned(inv, "variable " + name, inv.variables().get(name)), VerifyDrift::row));
            return rows;
        }
        ResolvedScenario scenario;
        try {
            scenario = session.fetch(ScenarioPipeline.fetchRequest(inv.ref(), inv.rules()));
        } catch (RuntimeException e) {
            rows.add(row(inv, FETCH, inv.ref().toString(), e.getMessage(), VerifyRow.Verdict.BROKEN,
                    "fix --scenario-repo/--scenario-ref/--scenario-path"));
            return rows;
        }
        RoleAssignment assignment;
        Variables variables;
        Set<String> standIns = new TreeSet<>();
        try {
            assignment = ScenarioPipeline.roles(scenario.template(), inv.runIdVariable(), inv.namespaceVariable());
        } catch (IllegalArgumentException e) {
            rows.add(row(inv, "placeholder-header", "a readable placeholder header", e.getMessage(), VerifyRow.Verdict.BROKEN,
                    "fix the scenario at commit " + scenario.commit()));
            return rows;
        }
        List<VariableDeclaration> declared = assignment.declared();
        IdentityRoles roles = assignment.roles();
        if (!roles.declared().isEmpty()) {
            rows.add(row(inv, "roles", "role placeholders filled by the runner", roles.describe(), VerifyRow.Verdict.HOLDS, ""));
        }
        List<VariableProblem> forRoles = assignment.givenForRoles(inv.variables());
        if (!forRoles.isEmpty()) {
            rows.add(row(inv, "variables", "no --var for a role placeholder", new VariablesException(forRoles).getMessage(),
                    VerifyRow.Verdict.BROKEN, "drop those --var arguments of this CronJob; the runner fills them"));
            return rows;
        }
        try {
            // At build time there is no run yet: the role placeholders get stand-ins, as the runner would fill them.
            Map<String, String> values = new HashMap<>(assignment.values(inv.variables(), IdentityBinding.buildTimeStandIn(inv.namespace())));
            if (!inv.unreadable().isEmpty()) {
                // Values that only exist at run time (a mounted var file, a Secret): stand-ins, and say so.
                for (VariableDeclaration d : declared) {
                    if (!values.containsKey(d.name())) {
                        values.put(d.name(), SampleValues.of(d.type()));
                        standIns.add(d.name());
                    }
                }
                rows.add(row(inv, "run-time values", "values readable at build time", String.join(", ", inv.unreadable())
                        + (standIns.isEmpty() ? "" : " (would fill " + String.join(", ", standIns) + ")"), VerifyRow.Verdict.SKIPPED, ""));
            }
            variables = ScenarioPipeline.bind(assignment, values);
        } catch (IllegalArgumentException e) {
            rows.add(row(inv, "variables", "every declared placeholder with a value of its type", e.getMessage(), VerifyRow.Verdict.BROKEN,
                    "fix the --var arguments of this CronJob"));
            return rows;
        }
        for (VariableDeclaration d : declared) {
            if (d.type() == VariableType.IMAGE && !standIns.contains(d.name())) {
                variables.value(d.name()).ifPresent(v -> rows.add(pinned(inv, "variable " + d.name(), v)));
            }
        }
        List<DriftRule> checkable = new ArrayList<>();
        for (DriftRule rule : inv.rules()) {
            Optional<String> variable = rule.checkedVariable();
            if (variable.filter(standIns::contains).isPresent()) {
                rows.add(row(inv, rule.name(), "-", variable.get() + " comes from a run-time source", VerifyRow.Verdict.SKIPPED, ""));
            } else {
                checkable.add(rule);
            }
        }
        for (DriftFinding f : new ScenarioPipeline(manifests).drift(checkable, scenario, variables, Optional.empty()).findings()) {
            VerifyRow.Verdict verdict = f.skipped() ? VerifyRow.Verdict.SKIPPED : f.warning() ? VerifyRow.Verdict.WARNING
                    : f.holds() ? VerifyRow.Verdict.HOLDS : VerifyRow.Verdict.BROKEN;
            rows.add(row(inv, f.rule(), f.expected(), f.skipped() ? f.message() : f.actual(), verdict,
                    f.holds() && !f.warning() ? "" : f.message()));
        }
        rows.addAll(lint(inv, scenario, variables, roles, session));
        return rows;
    }

    /** The same checks as {@code workflow-run lint}, on the scenario rendered with this CronJob's values. */
    private List<VerifyRow> lint(Invocation inv, ResolvedScenario scenario, Variables variables, IdentityRoles roles, Session session) {
        List<VerifyRow> rows = new ArrayList<>();
        Map<String, String> given = new HashMap<>(variables.substitutions());
        given.keySet().removeIf(name -> roles.roleOf(name).isPresent());
        List<LintFinding> findings = session.lint(inv.scenario(), scenario.template(), inv.namespace(),
                given, inv.runIdVariable(), inv.namespaceVariable());
        if (findings.isEmpty()) {
            rows.add(row(inv, "lint", "no lint finding", "none", VerifyRow.Verdict.HOLDS, ""));
        }
        for (LintFinding f : findings) {
            rows.add(row(inv, "lint " + f.rule(), "no finding", f.message(), f.isError() ? VerifyRow.Verdict.BROKEN : VerifyRow.Verdict.WARNING,
                    f.isError() ? "fix the scenario at commit " + scenario.commit() : ""));
        }
        return rows;
    }

    private VerifyRow pinned(Invocation inv, String what, String image) {
        try {
            ImageRef ref = ImageRef.parse(image);
            String expected = what + (pinning == Pinning.DIGEST ? " with a digest" : " with a tag or digest");
            return switch (pinning.judge(ref)) {
                case PINNED -> row(inv, "pinned-image", expected, image, VerifyRow.Verdict.HOLDS, "");
                case MUTABLE -> row(inv, "pinned-image", expected, image, VerifyRow.Verdict.WARNING,
                        "the tag can be pushed again; pin " + ref.named() + "@sha256:<64 hex> to be sure what runs");
                case REFUSED -> row(inv, "pinned-image", expected, image, VerifyRow.Verdict.BROKEN,
                        ref.tag().filter(t -> !t.equals("latest")).isPresent()
                                ? "--pinned=digest: pin " + image + " as image@sha256:<64 hex>"
                                : "pin " + image + " to a commit tag or a digest (not :latest)");
            };
        } catch (IllegalArgumentException e) {
            return row(inv, "pinned-image", what + " with a tag or digest", image + " (" + e.getMessage() + ")", VerifyRow.Verdict.BROKEN,
                    "give a valid image reference");
        }
    }

    private static VerifyRow row(Invocation inv, String rule, String expected, String actual, VerifyRow.Verdict verdict, String fix) {
        return new VerifyRow(inv.origin(), inv.scenario(), rule, expected, actual, verdict, fix);
    }
}
