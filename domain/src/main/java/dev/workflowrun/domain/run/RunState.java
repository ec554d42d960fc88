package dev.workflowrun.domain.run;

import dev.workflowrun.domain.text.Scrubber;
import dev.workflowrun.domain.cluster.ApplyResult;
import dev.workflowrun.domain.cluster.AwaitResult;
import dev.workflowrun.domain.cluster.CleanupReport;
import dev.workflowrun.domain.cluster.ForeignWorkflowException;
import dev.workflowrun.domain.cluster.Outcome;
import dev.workflowrun.domain.cluster.ProgressListener;
import dev.workflowrun.domain.cluster.TerminalSnapshot;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import dev.workflowrun.domain.cluster.WorkflowVerdict;
import dev.workflowrun.domain.deadline.Deadlines;
import dev.workflowrun.domain.deadline.OneShotWarning;
import dev.workflowrun.domain.drift.DriftReport;
import dev.workflowrun.domain.drift.DriftRule;
import dev.workflowrun.domain.manifest.LintContext;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.manifest.ManifestException;
import dev.workflowrun.domain.manifest.ManifestObject;
import dev.workflowrun.domain.manifest.ParsedManifest;
import dev.workflowrun.domain.manifest.WorkflowSpec;
import dev.workflowrun.domain.pipeline.IdentityBinding;
import dev.workflowrun.domain.pipeline.RoleAssignment;
import dev.workflowrun.domain.pipeline.Rendering;
import dev.workflowrun.domain.pipeline.ScenarioPipeline;
import dev.workflowrun.domain.render.RenderedManifest;
import dev.workflowrun.domain.render.StructureGuard;
import dev.workflowrun.domain.scenario.ResolvedScenario;
import dev.workflowrun.domain.signal.Cancellation;
import dev.workflowrun.domain.variables.GoDuration;
import dev.workflowrun.domain.variables.IdentityRoles;
import dev.workflowrun.domain.variables.PlaceholderRole;
import dev.workflowrun.domain.variables.VariableProblem;
import dev.workflowrun.domain.variables.VariableDeclaration;
import dev.workflowrun.domain.variables.Variables;
import dev.workflowrun.domain.variables.VariablesException;

import dev.workflowrun.domain.artifacts.BundleFile;
import dev.workflowrun.domain.artifacts.BundleLocation;
import dev.workflowrun.domain.artifacts.Content;

import java.time.Instant;
import java.util.Objects;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The run lifecycle as types. Each state holds what the next step needs, and each step is a
 * method on the state before it, the only place the matching port call is made:
 *
 * <pre>
 * Planned -fetch-> Fetched -render-> Rendered -verify-> Verified -apply-> Applied -await-> Terminal
 *   -capture-> Captured -cleanUp-> CleanedUp -publish-> Published
 * Planned | Fetched | Rendered | Verified -stop-> Rejected -publish-> Published
 * </pre>
 *
 * So apply needs a {@link Verified} (only {@link Rendered#verify} makes one, and only when lint
 * and drift pass: invariant 1), and cleanup needs a {@link Captured} (only {@link Terminal#capture}
 * makes one: invariant 3). {@code DeadlineExceeded} and {@code Interrupted} are ways into
 * {@link Terminal}, with the outcomes TIMED_OUT and INTERRUPTED. A run that stops before apply is
 * {@link Rejected}; either end is {@link Concluded} and is published ({@link Published}, invariant 4).
 *
 * <p>Every state is a final class whose constructor is package-private: outside this package a
 * state can only be reached through the step before it ({@link #plan} starts the chain), so no
 * caller can skip lint by making a {@code Verified} of its own. {@code LifecycleRuleTest} and
 * {@code ForgedStateTest} hold this.
 */
public sealed interface RunState {

    /** The state's name as logged. */
    default String label() {
        return getClass().getSimpleName();
    }

    /**
     * Starts a run: the start time and the bundle's location are fixed here, once, from the
     * clock the caller was given; whoever needs the location (the use case's publication, the
     * CLI's forced-exit flush) reads it from this state.
     */
    static Planned plan(RunScenarioCommand command, Instant startedAt) {
        return new Planned(command, startedAt, command.bundleLocation(startedAt));
    }

    /** A state before apply: a run can stop there, with nothing to clean up. */
    sealed interface BeforeApply extends RunState permits Planned, Fetched, Rendered, Verified {

        RunScenarioCommand command();

        /** Stops the run before apply, with {@code outcome} empty for a usage error (exit 64). */
        default Rejected stop(Optional<Outcome> outcome, ExitCode exitCode, String reason) {
            return new Rejected(this, outcome, exitCode, reason);
        }

        default Rejected stop(RunRejected rejection) {
            return stop(rejection.outcome(), rejection.exitCode(), rejection.getMessage());
        }

        default Rejected stop(Outcome outcome, String reason) {
            return stop(Optional.of(outcome), ExitCode.of(outcome), reason);
        }
    }

    final class Planned implements BeforeApply {

        private final RunScenarioCommand command;
        private final Instant startedAt;
        private final BundleLocation location;

        Planned(RunScenarioCommand command, Instant startedAt, BundleLocation location) {
            this.command = Objects.requireNonNull(command, "command");
            this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
            this.location = Objects.requireNonNull(location, "location");
        }

        @Override
        public RunScenarioCommand command() {
            return command;
        }

        public Instant startedAt() {
            return startedAt;
        }

        /** Where every attempt of this run is published: derived once, from the start time. */
        public BundleLocation location() {
            return location;
        }

        public Fetched fetch(RunPorts ports, RunJournal journal) {
            ResolvedScenario scenario = ports.source().fetch(ScenarioPipeline.fetchRequest(command.scenarioRef(), command.driftRules()));
            journal.enter("Fetched", "fetched " + command.scenarioRef().path() + " at " + command.scenarioRef().ref()
                    + " = commit " + scenario.commit() + " from " + scenario.origin());
            return new Fetched(this, scenario);
        }
    }

    final class Fetched implements BeforeApply {

        private final Planned planned;
        private final ResolvedScenario scenario;

        Fetched(Planned planned, ResolvedScenario scenario) {
            this.planned = planned;
            this.scenario = Objects.requireNonNull(scenario, "scenario");
        }

        public Planned planned() {
            return planned;
        }

        @Override
        public RunScenarioCommand command() {
            return planned.command();
        }

        public ResolvedScenario scenario() {
            return scenario;
        }

        public Rendered render(RunPorts ports, RunJournal journal) {
            RunScenarioCommand command = command();
            if (scenario.template().isBlank()) {
                throw RunRejected.infra(scenario.ref().path() + " at commit " + scenario.commit() + " is empty; is --scenario-path right?", null);
            }
            if (scenario.template().indexOf('\0') >= 0) {
                throw RunRejected.infra(scenario.ref().path() + " at commit " + scenario.commit()
                        + " is not text (it contains NUL bytes); is --scenario-path right?", null);
            }
            RoleAssignment assignment;
            try {
                assignment = ScenarioPipeline.roles(scenario.template(), command.runIdVariable(), command.namespaceVariable());
            } catch (IllegalArgumentException e) {
                throw RunRejected.infra("the scenario's placeholder header is invalid: " + e.getMessage(), e);
            }
            List<VariableDeclaration> declared = assignment.declared();
            IdentityRoles roles = assignment.roles();
            List<VariableProblem> forRoles = assignment.givenForRoles(command.variables());
            if (!forRoles.isEmpty()) {
                throw RunRejected.usage(new VariablesException(forRoles).getMessage(), null);
            }
            Variables variables;
            try {
                variables = ScenarioPipeline.bind(assignment,
                        assignment.values(command.variables(), IdentityBinding.of(command.runId().value(), command.namespace())));
            } catch (VariablesException e) {
                throw RunRejected.usage(e.getMessage(), e);
            }
            journal.scrub(Scrubber.of(variables.secrets()));
            journal.info("roles: " + roles.describe());
            variables.warnings().forEach(journal::warn);
            List<VariableProblem> inContext = StructureGuard.byContext(scenario.template(), variables);
            if (!inContext.isEmpty()) {
                throw RunRejected.usage(new VariablesException(inContext).getMessage(), null);
            }
            Rendering rendering;
            try {
                rendering = ports.pipeline().render(scenario.template(), variables);
            } catch (ManifestException e) {
                throw RunRejected.infra("the rendered scenario is not a manifest the runner can apply: " + e.getMessage(), e);
            }
            RenderedManifest rendered = rendering.manifest();
            ParsedManifest parsed = rendering.parsed();
            List<VariableProblem> structural = StructureGuard.check(scenario.template(), variables, rendered.yaml(), ports.manifests());
            if (!structural.isEmpty()) {
                throw RunRejected.usage(new VariablesException(structural).getMessage(), null);
            }
            ManifestObject workflow = parsed.workflow().orElseThrow(() -> RunRejected.infra(
                    "the scenario holds no Workflow (found " + kinds(parsed) + "); a scenario must contain exactly one Workflow", null));
            String expectedName = command.workflowName();
            if (!workflow.name().equals(expectedName)) {
                throw RunRejected.infra("the Workflow is named '" + workflow.name() + "' but this run expects '" + expectedName
                        + "'; name it " + command.scenario() + "-$" + roles.variable(PlaceholderRole.RUN_ID)
                        + " so each run has its own Workflow and a retry can adopt it", null);
            }
            if (workflow.namespace().isPresent() && !workflow.namespace().get().equals(command.namespace())) {
                throw RunRejected.infra("the Workflow asks for namespace '" + workflow.namespace().get() + "' but the run targets '"
                        + command.namespace() + "'; use $" + roles.variable(PlaceholderRole.NAMESPACE) + " or --namespace", null);
            }
            Deadlines deadlines;
            try {
                deadlines = Deadlines.resolve(command.softDeadline(), command.hardDeadline(),
                        parsed.workflowSpec().flatMap(WorkflowSpec::entryDeadline));
            } catch (IllegalArgumentException e) {
                throw RunRejected.usage(e.getMessage(), e);
            }
            WorkflowHandle handle = new WorkflowHandle(command.namespace(), expectedName, command.scenario(), command.runId().value());
            journal.enter("Rendered", "rendered " + parsed.objects().size() + " object(s); substituted "
                    + (rendered.substituted().isEmpty() ? "nothing" : String.join(", ", rendered.substituted()))
                    + "; deadlines " + deadlines);
            return new Rendered(this, declared, variables, rendered, parsed, new RunPlan(handle, parsed.objects(), deadlines, List.of()));
        }

        private static String kinds(ParsedManifest parsed) {
            return parsed.objects().isEmpty() ? "nothing"
                    : parsed.objects().stream().map(o -> o.apiVersion() + "/" + o.kind()).collect(Collectors.joining(", "));
        }
    }

    final class Rendered implements BeforeApply {

        private final Fetched fetched;
        private final List<VariableDeclaration> declared;
        private final Variables variables;
        private final RenderedManifest manifest;
        private final ParsedManifest parsed;
        private final RunPlan plan;

        Rendered(Fetched fetched, List<VariableDeclaration> declared, Variables variables, RenderedManifest manifest, ParsedManifest parsed,
                 RunPlan plan) {
            this.fetched = fetched;
            this.declared = List.copyOf(declared);
            this.variables = variables;
            this.manifest = manifest;
            this.parsed = parsed;
            this.plan = plan;
        }

        public Fetched fetched() {
            return fetched;
        }

        @Override
        public RunScenarioCommand command() {
            return fetched.command();
        }

        public ResolvedScenario scenario() {
            return fetched.scenario();
        }

        public List<VariableDeclaration> declared() {
            return declared;
        }

        public Variables variables() {
            return variables;
        }

        public RenderedManifest manifest() {
            return manifest;
        }

        public ParsedManifest parsed() {
            return parsed;
        }

        public RunPlan plan() {
            return plan;
        }

        /** Lint and drift; returns {@link Verified} only when no lint error and every drift rule holds. */
        public Verified verify(RunPorts ports, RunJournal journal) {
            RunScenarioCommand command = command();
            ResolvedScenario scenario = scenario();
            LintContext lint = new LintContext(parsed, scenario.template(), manifest.yaml(), declared, command.namespace(),
                    command.workflowName());
            List<LintFinding> findings = ScenarioPipeline.lint(ports.lintRules(), lint);
            List<LintFinding> warnings = findings.stream().filter(f -> !f.isError()).toList();
            warnings.forEach(w -> journal.warn("lint: " + w));
            List<LintFinding> errors = findings.stream().filter(LintFinding::isError).toList();
            if (!errors.isEmpty()) {
                throw RunRejected.infra("lint refused the scenario before apply:\n  "
                        + errors.stream().map(LintFinding::toString).collect(Collectors.joining("\n  ")), null);
            }
            List<DriftRule> rules = command.driftRules();
            DriftReport drift = ports.pipeline().drift(rules, scenario, variables, ports.live());
            if (!drift.allHold()) {
                throw RunRejected.infra(drift.describeBroken(), null);
            }
            RunPlan checked = new RunPlan(plan.workflow(), plan.objects(), plan.deadlines(), warnings);
            journal.enter("Verified", rules.isEmpty() ? "lint passed; no drift rules declared"
                    : "lint passed; " + rules.size() + " drift rule(s) hold: "
                    + rules.stream().map(DriftRule::name).collect(Collectors.joining(", ")));
            return new Verified(this, checked, drift);
        }
    }

    final class Verified implements BeforeApply {

        private final Rendered rendered;
        private final RunPlan plan;
        private final DriftReport drift;

        Verified(Rendered rendered, RunPlan plan, DriftReport drift) {
            if (!drift.allHold()) {
                throw new IllegalStateException("a run with broken drift rules cannot be verified");
            }
            this.rendered = rendered;
            this.plan = plan;
            this.drift = drift;
        }

        public Rendered rendered() {
            return rendered;
        }

        @Override
        public RunScenarioCommand command() {
            return rendered.command();
        }

        public RunPlan plan() {
            return plan;
        }

        public DriftReport drift() {
            return drift;
        }

        /**
         * Applies (or adopts). A failing apply still yields {@link Applied}: something may exist, so cleanup must follow.
         * A Workflow of the run's name that lacks the run's labels is refused ({@link RunRejected}) before anything is written.
         */
        public Applied apply(RunPorts ports, RunJournal journal) {
            WorkflowHandle handle = plan.workflow();
            try {
                ApplyResult result = ports.cluster().applyOrAdopt(handle, rendered.manifest().yaml());
                Instant at = ports.clock().instant();
                journal.enter("Applied", result == ApplyResult.ADOPTED
                        ? "adopted the existing Workflow " + handle + " (same run id: a retry); not applying a second one"
                        : "applied Workflow " + handle);
                return new Applied(this, Optional.of(result), Optional.empty(), at);
            } catch (ForeignWorkflowException e) {
                // Someone else's object holds the name: nothing was written, and nothing of theirs may be captured, aborted or deleted.
                throw RunRejected.infra("refused to adopt: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                journal.enter("Applied", RunEvent.Level.ERROR, "apply of " + handle + " failed: " + e.getMessage() + "; cleaning up whatever was created");
                return new Applied(this, Optional.empty(), Optional.of(String.valueOf(e.getMessage())), ports.clock().instant());
            }
        }
    }

    final class Applied implements RunState {

        private final Verified verified;
        private final Optional<ApplyResult> result;
        private final Optional<String> applyFailure;
        private final Instant appliedAt;

        Applied(Verified verified, Optional<ApplyResult> result, Optional<String> applyFailure, Instant appliedAt) {
            this.verified = verified;
            this.result = result;
            this.applyFailure = applyFailure;
            this.appliedAt = appliedAt;
        }

        public Verified verified() {
            return verified;
        }

        /** How the Workflow came to be: applied, or adopted on a retry; empty when the apply failed. */
        public Optional<ApplyResult> result() {
            return result;
        }

        public Optional<String> applyFailure() {
            return applyFailure;
        }

        public Instant appliedAt() {
            return appliedAt;
        }

        public WorkflowHandle handle() {
            return verified.plan().workflow();
        }

        /**
         * Waits for the outcome: warns once at the soft deadline (invariant 5) and returns
         * TIMED_OUT at the hard one; a cancellation returns INTERRUPTED; an error, INFRA_FAILED.
         */
        public Terminal await(RunPorts ports, RunJournal journal, Cancellation cancellation, RunEventListener listener) {
            if (applyFailure.isPresent()) {
                return new Terminal(this, WorkflowVerdict.of(Outcome.INFRA_FAILED, "apply failed: " + applyFailure.get()), false);
            }
            Deadlines deadlines = verified.plan().deadlines();
            Instant softAt = appliedAt.plus(deadlines.soft());
            Instant hardAt = appliedAt.plus(deadlines.hard());
            OneShotWarning softWarning = new OneShotWarning();
            ProgressListener progress = listener::onProgress;
            journal.enter("Waiting", "waiting for " + handle() + " (" + deadlines + ")");
            try {
                listener.onWaiting(deadlines, appliedAt);
            } catch (RuntimeException e) {
                // A broken display must not break the run.
            }
            try {
                while (true) {
                    Instant now = ports.clock().instant();
                    if (!now.isBefore(softAt)) {
                        softWarning.fire(() -> journal.warn("soft deadline " + GoDuration.format(deadlines.soft())
                                + " passed and the Workflow is still running; the hard deadline "
                                + GoDuration.format(deadlines.hard()) + " aborts it"));
                    }
                    if (!now.isBefore(hardAt)) {
                        return timedOut(journal, deadlines, softWarning);
                    }
                    if (cancellation.isCancelled()) {
                        return interrupted(journal, cancellation.reason().orElse("cancelled"), softWarning);
                    }
                    AwaitResult r = ports.cluster().awaitTerminal(handle(), now.isBefore(softAt) ? softAt : hardAt, cancellation, progress);
                    if (r instanceof AwaitResult.Finished f) {
                        return terminal(journal, f.verdict(), softWarning);
                    }
                    if (r instanceof AwaitResult.Cancelled c) {
                        return interrupted(journal, c.reason(), softWarning);
                    }
                }
            } catch (RuntimeException e) {
                return terminal(journal, WorkflowVerdict.of(Outcome.INFRA_FAILED, "lost track of the Workflow while waiting: " + e.getMessage()), softWarning);
            }
        }

        private Terminal timedOut(RunJournal journal, Deadlines deadlines, OneShotWarning softWarning) {
            return terminal(journal, WorkflowVerdict.of(Outcome.TIMED_OUT,
                    "hard deadline " + GoDuration.format(deadlines.hard()) + " passed; aborting the Workflow"), softWarning);
        }

        private Terminal interrupted(RunJournal journal, String reason, OneShotWarning softWarning) {
            return terminal(journal, WorkflowVerdict.of(Outcome.INTERRUPTED, "interrupted (" + reason + "); aborting the Workflow"), softWarning);
        }

        private Terminal terminal(RunJournal journal, WorkflowVerdict verdict, OneShotWarning softWarning) {
            RunEvent.Level level = switch (verdict.outcome()) {
                case PASSED -> RunEvent.Level.INFO;
                case TIMED_OUT, INTERRUPTED -> RunEvent.Level.WARN;
                default -> RunEvent.Level.ERROR;
            };
            journal.enter("Terminal", level, verdict.outcome() + verdict.decidingTask().map(t -> " (decided by task " + t + ")").orElse("")
                    + ": " + verdict.reason());
            return new Terminal(this, verdict, softWarning.fired());
        }
    }

    final class Terminal implements RunState {

        private final Applied applied;
        private final WorkflowVerdict verdict;
        private final boolean softDeadlineWarned;

        Terminal(Applied applied, WorkflowVerdict verdict, boolean softDeadlineWarned) {
            this.applied = applied;
            this.verdict = verdict;
            this.softDeadlineWarned = softDeadlineWarned;
        }

        public Applied applied() {
            return applied;
        }

        public WorkflowVerdict verdict() {
            return verdict;
        }

        public boolean softDeadlineWarned() {
            return softDeadlineWarned;
        }

        /** Captures before anything is deleted; a failing capture still yields {@link Captured}, saying what is missing. */
        public Captured capture(RunPorts ports, RunJournal journal) {
            TerminalSnapshot snapshot;
            try {
                snapshot = ports.cluster().capture(applied.handle(), applied.verified().command().capture());
            } catch (RuntimeException e) {
                snapshot = TerminalSnapshot.failed("capture failed: " + e.getMessage());
            }
            // The captured objects and logs hold rendered values (env, args, log lines): scrubbed once, for the bundle and the summary alike.
            snapshot = scrubbed(snapshot, journal.scrubber());
            snapshot.problems().forEach(p -> journal.warn("capture: " + p));
            journal.enter("Captured", "captured " + snapshot.files().size() + " file(s): " + snapshot.nodes() + " node(s), "
                    + snapshot.pods() + " pod(s)");
            return new Captured(this, snapshot);
        }
    }

    final class Captured implements RunState {

        private final Terminal terminal;
        private final TerminalSnapshot snapshot;

        Captured(Terminal terminal, TerminalSnapshot snapshot) {
            this.terminal = terminal;
            this.snapshot = snapshot;
        }

        public Terminal terminal() {
            return terminal;
        }

        /** What was captured, already scrubbed of every secret value. */
        public TerminalSnapshot snapshot() {
            return snapshot;
        }

        /** Abort, bounded delete, sweep: attempted exactly once (invariant 2). */
        public CleanedUp cleanUp(RunPorts ports, RunJournal journal) {
            WorkflowHandle handle = terminal.applied().handle();
            CleanupReport report;
            try {
                report = ports.cluster().cleanUp(handle, terminal.applied().verified().command().cleanupBound(),
                        abortReason(terminal.verdict().outcome()));
            } catch (RuntimeException e) {
                report = new CleanupReport(false, false, List.of(), List.of("cleanup failed: " + e.getMessage()));
            }
            report.problems().forEach(p -> journal.error("cleanup: " + p));
            report.notes().forEach(n -> journal.info("cleanup: " + n));
            journal.enter("CleanedUp", (report.abortRequested() ? "abort requested; " : "")
                    + (report.workflowDeleted() ? "Workflow deleted" : "Workflow NOT confirmed deleted")
                    + "; swept " + report.swept().size() + " leftover(s)"
                    + (report.swept().isEmpty() ? "" : ": " + String.join(", ", report.swept())));
            return new CleanedUp(this, report);
        }
    }

    /** Why this runner would abort a Workflow that is not over: its hard deadline, or a signal. */
    private static String abortReason(Outcome outcome) {
        return switch (outcome) {
            case TIMED_OUT -> "hard-deadline";
            case INTERRUPTED -> "interrupted";
            default -> "stopped";
        };
    }

    final class CleanedUp implements Concluded {

        private final Captured captured;
        private final CleanupReport report;

        CleanedUp(Captured captured, CleanupReport report) {
            this.captured = captured;
            this.report = report;
        }

        public Captured captured() {
            return captured;
        }

        public CleanupReport report() {
            return report;
        }

        private Applied applied() {
            return captured.terminal().applied();
        }

        private WorkflowVerdict verdict() {
            return captured.terminal().verdict();
        }

        /** The outcome after cleanup: leftovers in the namespace turn a pass into an infrastructure failure. */
        public Outcome finalOutcome() {
            Outcome verdict = verdict().outcome();
            return verdict == Outcome.PASSED && !report.clean() ? Outcome.INFRA_FAILED : verdict;
        }

        @Override
        public Planned planned() {
            return applied().verified().rendered().fetched().planned();
        }

        @Override
        public Optional<Rendered> rendered() {
            return Optional.of(applied().verified().rendered());
        }

        @Override
        public Optional<Verified> verified() {
            return Optional.of(applied().verified());
        }

        @Override
        public Optional<WorkflowHandle> workflow() {
            return Optional.of(applied().handle());
        }

        @Override
        public Optional<ApplyResult> applyResult() {
            return applied().result();
        }

        @Override
        public Optional<Outcome> outcome() {
            return Optional.of(finalOutcome());
        }

        @Override
        public ExitCode exitCode() {
            return ExitCode.of(finalOutcome());
        }

        @Override
        public Optional<String> decidingTask() {
            return verdict().decidingTask();
        }

        @Override
        public String reason() {
            return verdict().reason() + (finalOutcome() != verdict().outcome() ? "; cleanup left objects behind" : "");
        }

        @Override
        public boolean softDeadlineWarned() {
            return captured.terminal().softDeadlineWarned();
        }

        @Override
        public Optional<TerminalSnapshot> snapshot() {
            return Optional.of(captured.snapshot());
        }

        @Override
        public Optional<CleanupReport> cleanup() {
            return Optional.of(report);
        }
    }

    /** A run stopped before apply: nothing was applied, so nothing is cleaned up; what it reached is kept for the bundle. */
    final class Rejected implements Concluded {

        private final BeforeApply reached;
        private final Optional<Outcome> outcome;
        private final ExitCode exitCode;
        private final String reason;

        Rejected(BeforeApply reached, Optional<Outcome> outcome, ExitCode exitCode, String reason) {
            this.reached = Objects.requireNonNull(reached, "reached");
            this.outcome = outcome;
            this.exitCode = exitCode;
            this.reason = reason;
        }

        /** The last state the run reached before it stopped. */
        public BeforeApply reached() {
            return reached;
        }

        @Override
        public Planned planned() {
            if (reached instanceof Planned p) {
                return p;
            }
            if (reached instanceof Fetched f) {
                return f.planned();
            }
            return rendered().orElseThrow().fetched().planned();
        }

        @Override
        public Optional<Rendered> rendered() {
            if (reached instanceof Rendered r) {
                return Optional.of(r);
            }
            return verified().map(Verified::rendered);
        }

        @Override
        public Optional<Verified> verified() {
            return reached instanceof Verified v ? Optional.of(v) : Optional.empty();
        }

        @Override
        public Optional<String> commit() {
            return reached instanceof Fetched f ? Optional.of(f.scenario().commit()) : Concluded.super.commit();
        }

        @Override
        public Optional<WorkflowHandle> workflow() {
            return Optional.empty();
        }

        @Override
        public Optional<ApplyResult> applyResult() {
            return Optional.empty();
        }

        @Override
        public Optional<Outcome> outcome() {
            return outcome;
        }

        @Override
        public ExitCode exitCode() {
            return exitCode;
        }

        @Override
        public Optional<String> decidingTask() {
            return Optional.empty();
        }

        @Override
        public String reason() {
            return reason;
        }

        @Override
        public boolean softDeadlineWarned() {
            return false;
        }

        @Override
        public Optional<TerminalSnapshot> snapshot() {
            return Optional.empty();
        }

        @Override
        public Optional<CleanupReport> cleanup() {
            return Optional.empty();
        }
    }

    /** Where a run ends before it is published: cleaned up after apply, or stopped before it. Each fact is read off the chain. */
    sealed interface Concluded extends RunState permits CleanedUp, Rejected {

        Planned planned();

        default RunScenarioCommand command() {
            return planned().command();
        }

        default Optional<String> commit() {
            return rendered().map(r -> r.scenario().commit());
        }

        Optional<Rendered> rendered();

        Optional<Verified> verified();

        Optional<WorkflowHandle> workflow();

        Optional<ApplyResult> applyResult();

        Optional<Outcome> outcome();

        ExitCode exitCode();

        Optional<String> decidingTask();

        String reason();

        boolean softDeadlineWarned();

        Optional<TerminalSnapshot> snapshot();

        Optional<CleanupReport> cleanup();

        /**
         * Publishes on every path (invariant 4); the last state of every run. What publication
         * changed (a store that failed turns a pass into an infrastructure failure) is in the
         * result.
         */
        default Published publish(Publication publication) {
            return new Published(this, publication.publish(this));
        }
    }

    /** The end of every run: its bundle was published (or kept in the fallback, or lost and said so). */
    final class Published implements RunState {

        private final Concluded concluded;
        private final RunResult result;

        Published(Concluded concluded, RunResult result) {
            this.concluded = concluded;
            this.result = result;
        }

        public Concluded concluded() {
            return concluded;
        }

        /** What the run did and how it ended, as reported and written to {@code run.json}. */
        public RunResult result() {
            return result;
        }
    }

    /** The captured objects and logs hold rendered values: scrubbed of every secret value. */
    private static TerminalSnapshot scrubbed(TerminalSnapshot snapshot, Scrubber scrubber) {
        if (scrubber.isEmpty()) {
            return snapshot;
        }
        List<BundleFile> files = snapshot.files().stream()
                .map(f -> new BundleFile(f.name(), f.contentType(), Content.ofBytes(scrubber.scrub(f.bytes())))).toList();
        return new TerminalSnapshot(files, snapshot.nodes(), snapshot.pods(), snapshot.problems().stream().map(scrubber::scrub).toList());
    }
}
