package dev.workflowrun.domain.testing;

/** Small scenario templates in the user's layout, for the core's tests. */
public final class Scenarios {

    public static final String RELEASE_TEST = """
            # release-test: provisions a chain and runs the release test suite.
            # Placeholders (the wrapper envsubst's at apply time):
            #   $SEI_NAMESPACE          namespace of workflow + provisioned SNDs
            #   $SEI_WORKFLOW_RUN_ID    unique per-run id; suffixes Workflow + Secret names
            #   $SEID_IMAGE             seid container image
            #   $SEITASK_IMAGE          seitask task image
            apiVersion: chaos-mesh.org/v1alpha1
            kind: Workflow
            metadata:
              name: release-test-$SEI_WORKFLOW_RUN_ID
              namespace: $SEI_NAMESPACE
              labels:
                sei.io/scenario: release-test
                sei.io/workflow-run: "$SEI_WORKFLOW_RUN_ID"
            spec:
              entry: main
              templates:
                - name: main
                  templateType: Serial
                  deadline: 60m
                  children: [keygen, run-release-test]
                - name: keygen
                  templateType: Task
                  deadline: 5m
                  task:
                    container:
                      name: keygen
                      image: $SEITASK_IMAGE
                      command: ["/bin/sh", "-c"]
                      args:
                        - |
                          for i in $(seq 1 30); do CUR=$i; echo "${CUR}"; done
                          echo "$(VALIDATOR_COUNT) validators at ${VALIDATOR_TM_RPC}"
                          echo cost $$5
                - name: run-release-test
                  templateType: Task
                  deadline: 32m
                  task:
                    container:
                      name: release-test
                      image: $SEID_IMAGE
            """;

    private Scenarios() {
    }
}
