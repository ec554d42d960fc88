package dev.workflowrun.survey.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes N synthetic scenario directories shaped like the real ones (same seven operations, with
 * values and drift varying by index), to time the survey at scale.
 */
public final class SyntheticScenarios {

    private SyntheticScenarios() {
    }

    public static void generate(Path into, int n) throws IOException {
        for (int i = 1; i <= n; i++) {
            String name = String.format("synthetic-%04d", i);
            Path dir = Files.createDirectories(into.resolve(name));
            Files.writeString(dir.resolve(ScenarioDirs.WORKFLOW), workflow(name, i));
            Files.writeString(dir.resolve(ScenarioDirs.WRAPPER), wrapper(name, i));
            Files.writeString(dir.resolve(ScenarioDirs.CRONJOB), cronjob(name, i));
        }
    }

    static String workflow(String name, int i) {
        int tasks = 3 + i % 6;
        StringBuilder children = new StringBuilder();
        StringBuilder templates = new StringBuilder();
        for (int t = 1; t <= tasks; t++) {
            children.append("        - step-").append(t).append('\n');
            templates.append("""
                        - name: step-%d
                          templateType: Task
                          deadline: %dm
                          task:
                            container:
                              name: step-%d
                              image: $SEITASK_IMAGE
                              command: ["/bin/sh", "-c"]
                              args:
                                - |
                                  for i in $(seq 1 30); do
                                    CUR=$(seitask height --chain-id=$SEI_CHAIN_ID --rpc=${VALIDATOR_TM_RPC})
                                    [ "${CUR}" -ge %d ] && exit 0
                                    sleep 5
                                  done
                                  exit 1
                              envFrom:
                                - configMapRef:
                                    name: workflow-vars-%s-$SEI_WORKFLOW_RUN_ID
                    """.formatted(t, 2 + (t * 5) % 31, t, t, name));
        }
        return """
                # Placeholders (the wrapper envsubst's at apply time):
                #   $SEI_NAMESPACE          namespace of workflow + provisioned SNDs
                #   $SEI_CHAIN_ID           chain id
                #   $SEI_WORKFLOW_RUN_ID    unique per-run id
                #   $SEITASK_IMAGE          seitask image
                %s
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Workflow
                metadata:
                  name: %s-$SEI_WORKFLOW_RUN_ID
                  namespace: $SEI_NAMESPACE
                  labels:
                    sei.io/scenario: %s
                    sei.io/workflow-run: "$SEI_WORKFLOW_RUN_ID"
                spec:
                  entry: %s
                  templates:
                    - name: %s
                      templateType: Serial
                      deadline: %dm
                      children:
                %s
                %s""".formatted(i % 2 == 0 ? "#   $EXTRA_" + i + "_MINUTES  a scenario-intrinsic knob\n" : "", name, name, name, name,
                60 + 30 * (i % 2), children, templates) + (i % 2 == 0 ? "# uses $EXTRA_" + i + "_MINUTES\n" : "");
    }

    static String wrapper(String name, int i) {
        boolean trap = i % 3 != 0;
        return """
                #!/usr/bin/env bash
                set -euo pipefail
                export SEI_NAMESPACE="${SEI_NAMESPACE:-%1$s}"
                export SEI_CHAIN_ID="${SEI_CHAIN_ID:-%1$s-chain}"
                export SEI_WORKFLOW_RUN_ID="s%2$d-$(date +%%s)"
                export SEITASK_IMAGE
                WF="%1$s-${SEI_WORKFLOW_RUN_ID}"
                WORK="$(mktemp -d)"
                log() { echo "[$(date -u +%%FT%%TZ)] $*"; }
                upload() {
                  aws s3 cp "${WORK}" "s3://harbor-validation-results/nightly/%1$s/${SEI_WORKFLOW_RUN_ID}/" --recursive
                }
                %3$s
                curl -fsSL -o "${WORK}/s.yaml" "https://raw.githubusercontent.com/sei-protocol/sei-k8s-controller/${SCENARIO_REF}/scenarios/%1$s.yaml"
                envsubst '${SEI_NAMESPACE} ${SEI_CHAIN_ID} ${SEI_WORKFLOW_RUN_ID} ${SEITASK_IMAGE}' < "${WORK}/s.yaml" > "${WORK}/r.yaml"
                kubectl apply -n "${SEI_NAMESPACE}" -f "${WORK}/r.yaml"
                START=$(date +%%s)
                WARNED=0
                while true; do
                  S=$(kubectl get workflow "${WF}" -n "${SEI_NAMESPACE}" -o jsonpath='{.status.conditions[?(@.type=="Accomplished")].status}')
                  [ "${S}" = "True" ] && break
                  ELAPSED=$(( $(date +%%s) - START ))
                  if [ "${ELAPSED}" -ge 3600 ] && [ "${WARNED}" -eq 0 ]; then
                    log "WARNING overran 60m"
                    WARNED=1
                  fi
                  if [ "${ELAPSED}" -ge %4$d ]; then
                    break
                  fi
                  sleep %5$d
                done
                kubectl get workflow "${WF}" -n "${SEI_NAMESPACE}" -o yaml > "${WORK}/workflow.yaml"
                kubectl get workflownodes -n "${SEI_NAMESPACE}" -l "chaos-mesh.org/workflow=${WF}" -o yaml > "${WORK}/workflownodes.yaml"
                kubectl annotate workflow "${WF}" -n "${SEI_NAMESPACE}" workflow.chaos-mesh.org/abort=true --overwrite
                kubectl delete workflow "${WF}" -n "${SEI_NAMESPACE}" --wait=true --timeout=%6$ds
                kubectl delete pods -n "${SEI_NAMESPACE}" -l "chaos-mesh.org/workflow=${WF}"
                %7$s
                """.formatted(name, i, trap ? "trap upload EXIT" : "", 4500 + 60 * (i % 4), 15 * (1 + i % 4), 60 * (1 + i % 5),
                trap ? "" : "upload");
    }

    static String cronjob(String name, int i) {
        return """
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: %1$s-nightly
                spec:
                  schedule: "%2$d %3$d * * *"
                  concurrencyPolicy: Forbid
                  jobTemplate:
                    spec:
                      backoffLimit: 0
                      template:
                        spec:
                          serviceAccountName: seitask-runner
                          restartPolicy: Never
                          containers:
                            - name: wrapper
                              image: ghcr.io/sei-protocol/platform-toolbox:2f1e0d9c8b7a
                              command: ["/bin/bash", "/scripts/wrapper.sh"]
                              env:
                                - name: SCENARIO_REF
                                  value: "4b1d2c3e5f60718293a4b5c6d7e8f90123456789"
                                - name: SEITASK_IMAGE
                                  value: ghcr.io/sei-protocol/seitask:%4$s
                """.formatted(name, i % 60, i % 24, i % 7 == 0 ? "9e8d7c6b5a4f" : "4b1d2c3e5f60");
    }
}
