package dev.workflowrun.benchmarks;

/** Workflow manifests for the benchmarks, already rendered (a benchmark measures waiting and capturing, not rendering). */
final class BenchWorkflows {

    private BenchWorkflows() {
    }

    /** A Serial entry {@code bench} (deadline 300m) with one Task {@code work}: the run lasts as long as {@code work}'s script. */
    static String oneTask(String namespace, String name, String runId) {
        return """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Workflow
                metadata:
                  name: %s
                  namespace: %s
                  labels:
                    sei.io/scenario: bench
                    sei.io/workflow-run: "%s"
                spec:
                  entry: bench
                  templates:
                    - name: bench
                      templateType: Serial
                      deadline: 300m
                      children: [work]
                    - name: work
                      templateType: Task
                      deadline: 300m
                      task:
                        container:
                          name: work
                          image: ghcr.io/example/seitask:0123456789abcdef0123456789abcdef01234567
                          command: ["/bin/true"]
                """.formatted(name, namespace, runId);
    }

    /** A Serial of n Tasks {@code work-1..n}, each passing per the simulator's script for its name or its default script. */
    static String tasks(String namespace, String name, String runId, int n) {
        return dev.workflowrun.testkit.TaskChain.serial(namespace, name, runId, n);
    }
}
