package dev.workflowrun.survey;

import dev.workflowrun.survey.classify.ScenarioSurveyor;
import dev.workflowrun.survey.model.ScenarioFacts;
import dev.workflowrun.survey.scenario.ScenarioReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Small scenarios built in code, for recogniser, classification and decision tests. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String workflow(String name, String... extraPlaceholders) {
        StringBuilder header = new StringBuilder("""
                # Placeholders (the wrapper envsubst's at apply time):
                #   $SEI_NAMESPACE          namespace
                #   $SEI_WORKFLOW_RUN_ID    run id
                #   $SEITASK_IMAGE          task image
                """);
        StringBuilder uses = new StringBuilder();
        for (String p : extraPlaceholders) {
            header.append("#   $").append(p).append("   an extra value\n");
            uses.append("            - --x=$").append(p).append('\n');
        }
        return header + """

                apiVersion: chaos-mesh.org/v1alpha1
                kind: Workflow
                metadata:
                  name: %1$s-$SEI_WORKFLOW_RUN_ID
                  namespace: $SEI_NAMESPACE
                  labels:
                    sei.io/scenario: %1$s
                    sei.io/workflow-run: "$SEI_WORKFLOW_RUN_ID"
                spec:
                  entry: %1$s
                  templates:
                    - name: %1$s
                      templateType: Serial
                      deadline: 60m
                      children: [only-task]
                    - name: only-task
                      templateType: Task
                      deadline: 5m
                      task:
                        container:
                          name: only-task
                          image: $SEITASK_IMAGE
                          args:
                %2$s
                """.formatted(name, uses.length() == 0 ? "            - --noop\n" : uses);
    }

    /** A wrapper doing the seven operations the plain way; {@code %s} markers let tests vary single knobs. */
    public static String wrapper(String name, int poll, String deleteTimeout, String extra) {
        return """
                #!/usr/bin/env bash
                set -euo pipefail
                export SEI_NAMESPACE="${SEI_NAMESPACE:-%1$s}"
                export SEI_WORKFLOW_RUN_ID="r-$(date +%%s)"
                export SEITASK_IMAGE
                WF="%1$s-${SEI_WORKFLOW_RUN_ID}"
                log() { echo "[$(date -u +%%FT%%TZ)] $*"; }
                upload() { aws s3 cp /tmp/out "s3://harbor-validation-results/nightly/%1$s/${SEI_WORKFLOW_RUN_ID}/" --recursive; }
                trap upload EXIT
                curl -fsSL -o /tmp/s.yaml "https://raw.githubusercontent.com/sei-protocol/sei-k8s-controller/${SCENARIO_REF}/scenarios/%1$s.yaml"
                envsubst '${SEI_NAMESPACE} ${SEI_WORKFLOW_RUN_ID} ${SEITASK_IMAGE}' < /tmp/s.yaml > /tmp/r.yaml
                kubectl apply -f /tmp/r.yaml
                %4$s
                START=$(date +%%s)
                WARNED=0
                while true; do
                  S=$(kubectl get workflow "${WF}" -o jsonpath='{.status.conditions[?(@.type=="Accomplished")].status}')
                  [ "${S}" = "True" ] && break
                  ELAPSED=$(( $(date +%%s) - START ))
                  if [ "${ELAPSED}" -ge 3600 ] && [ "${WARNED}" -eq 0 ]; then
                    log "WARNING overran"
                    WARNED=1
                  fi
                  if [ "${ELAPSED}" -ge 4500 ]; then
                    break
                  fi
                  sleep %2$d
                done
                kubectl get workflow "${WF}" -o yaml > /tmp/out/workflow.yaml
                kubectl get workflownodes -l "chaos-mesh.org/workflow=${WF}" -o yaml > /tmp/out/workflownodes.yaml
                kubectl annotate workflow "${WF}" workflow.chaos-mesh.org/abort=true --overwrite
                kubectl delete workflow "${WF}" --wait=true --timeout=%3$s
                kubectl delete pods -l "chaos-mesh.org/workflow=${WF}"
                """.formatted(name, poll, deleteTimeout, extra);
    }

    public static ScenarioFacts facts(String name, String workflow, String wrapper) {
        return ScenarioSurveyor.survey(name, ScenarioReader.workflow(name, workflow), wrapper, Optional.empty());
    }

    public static ScenarioFacts plain(String name) {
        return facts(name, workflow(name), wrapper(name, 30, "120s", ""));
    }

    /** Writes a scenario directory. */
    public static Path write(Path parent, String name, String workflow, String wrapper) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(name));
        Files.writeString(dir.resolve("workflow.yaml"), workflow);
        Files.writeString(dir.resolve("wrapper.sh"), wrapper);
        return dir;
    }

    public static Path examples() {
        return Path.of("..", "examples", "scenarios");
    }
}
