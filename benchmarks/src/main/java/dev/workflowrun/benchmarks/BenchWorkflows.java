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

    /** A Serial entry {@code bench} with n Tasks {@code work-1..n}, each passing per the simulator's script {@code work}. */
    static String tasks(String namespace, String name, String runId, int n) {
        StringBuilder children = new StringBuilder();
        StringBuilder templates = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            children.append(i == 1 ? "" : ", ").append("work-").append(i);
            templates.append("""
                        - name: work-%d
                          templateType: Task
                          deadline: 300m
                          task:
                            container:
                              name: work-%d
                              image: ghcr.io/example/seitask:0123456789abcdef0123456789abcdef01234567
                              command: ["/bin/true"]
                    """.formatted(i, i));
        }
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
                      children: [%s]
                %s""".formatted(name, namespace, runId, children, templates);
    }
}
