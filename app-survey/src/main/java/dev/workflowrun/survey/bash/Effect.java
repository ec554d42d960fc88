package dev.workflowrun.survey.bash;

/**
 * What one command of a wrapper touches and how: the survey's model of a wrapper is a list of these,
 * and the seven operations, the bespoke steps and the derived values are all read off it.
 *
 * @param detail what the command touches, in words ("deployment/ledger-standby", "https://hooks...", "the scenario at a ref")
 */
public record Effect(Target target, Action action, String detail) {

    /** What a command touches. */
    public enum Target {
        /** the run's Workflow object */
        WORKFLOW("the Workflow"),
        /** its WorkflowNodes and Task pods (labelled chaos-mesh.org/workflow) */
        WORKFLOW_CHILDREN("the Workflow's nodes or pods"),
        /** the scenario file in its git repository */
        SCENARIO_SOURCE("the scenario's repository"),
        /** any other cluster object: a Deployment, a ConfigMap, another pod */
        CLUSTER_OTHER("another cluster object"),
        /** any other service reached over the network */
        SERVICE("another service"),
        /** the object store the evidence goes to */
        BUCKET("the bucket"),
        /** files and variables of the wrapper's own container */
        LOCAL("local files only"),
        /** a command the survey cannot read */
        UNKNOWN("not understood");

        private final String label;

        Target(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** How it touches it. */
    public enum Action { NONE, READ, CREATE, MUTATE, DELETE }

    public static Effect local() {
        return new Effect(Target.LOCAL, Action.NONE, "");
    }

    public static Effect unknown(String why) {
        return new Effect(Target.UNKNOWN, Action.NONE, why);
    }

    /** Whether the command changes something outside the wrapper's own container. */
    public boolean mutates() {
        return action == Action.CREATE || action == Action.MUTATE || action == Action.DELETE;
    }

    public boolean is(Target t, Action a) {
        return target == t && action == a;
    }
}
