package dev.workflowrun.testkit;

/**
 * A rendered Workflow of {@code n} Tasks in a Serial, the way the user's scenarios are built: a
 * Serial entry {@code chain} (deadline 300m) with Tasks {@code work-1} to {@code work-n}, each
 * running as the simulator's script for its name (or its default script) says.
 */
public final class TaskChain {

    private TaskChain() {
    }

    public static String serial(String namespace, String name, String runId, int n) {
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
                              command: ["/bin/sh", "-c", "true"]
                    """.formatted(i, i));
        }
        return """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Workflow
                metadata:
                  name: %s
                  namespace: %s
                  labels:
                    sei.io/scenario: chain
                    sei.io/workflow-run: "%s"
                spec:
                  entry: chain
                  templates:
                    - name: chain
                      templateType: Serial
                      deadline: 300m
                      children: [%s]
                %s""".formatted(name, namespace, runId, children, templates);
    }
}
