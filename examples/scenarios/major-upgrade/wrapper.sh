#!/usr/bin/env bash
# major-upgrade nightly: pre-upgrade image -> governance upgrade -> halt -> post-upgrade image.
set -euo pipefail

export SEI_NAMESPACE="${SEI_NAMESPACE:-major-upgrade}"
export SEI_CHAIN_ID="${SEI_CHAIN_ID:-major-upgrade-chain}"
export SEI_WORKFLOW_RUN_ID="mu-$(date +%s)"
export SEID_IMAGE="${SEID_IMAGE:-${SEI_POST_UPGRADE_IMG}}"
export SEITASK_IMAGE SEI_PRE_UPGRADE_IMG SEI_POST_UPGRADE_IMG SEI_UPGRADE_NAME

WORKFLOW="major-upgrade-${SEI_WORKFLOW_RUN_ID}"
ARTIFACTS="${ARTIFACTS_DIR:-/tmp/artifacts}"
DEADLINE_MIN=90
WARN_AT_MIN=60

jlog() {
  printf '{"ts":"%s","scenario":"major-upgrade","level":"%s","msg":"%s"}\n' \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$1" "$2" | tee -a "${ARTIFACTS}/orchestrator.jsonl"
}

fetch_scenario() {
  curl -fsSL -H "Accept: application/vnd.github.raw" -o "${ARTIFACTS}/scenario.yaml" \
    "https://api.github.com/repos/sei-protocol/sei-k8s-controller/contents/scenarios/major-upgrade.yaml?ref=${SCENARIO_REF}"
}

wait_for_terminal() {
  local deadline=$(( $(date +%s) + DEADLINE_MIN * 60 ))
  local warn_at=$(( $(date +%s) + WARN_AT_MIN * 60 ))
  local warned=false
  while [ "$(date +%s)" -lt "${deadline}" ]; do
    accomplished=$(kubectl -n "${SEI_NAMESPACE}" get workflow "${WORKFLOW}" \
      -o jsonpath='{.status.conditions[?(@.type=="Accomplished")].status}')
    if [ "${accomplished}" = "True" ]; then
      return 0
    fi
    if [ "$(date +%s)" -ge "${warn_at}" ] && [ "${warned}" = false ]; then
      jlog warn "workflow ${WORKFLOW} passed the ${WARN_AT_MIN}m inner deadline"
      warned=true
    fi
    sleep 30
  done
  return 1
}

capture_state() {
  kubectl -n "${SEI_NAMESPACE}" get workflow "${WORKFLOW}" -o yaml > "${ARTIFACTS}/workflow.yaml"
  kubectl -n "${SEI_NAMESPACE}" get workflownodes -l "chaos-mesh.org/workflow=${WORKFLOW}" -o yaml > "${ARTIFACTS}/workflownodes.yaml"
  kubectl -n "${SEI_NAMESPACE}" get pods -l "chaos-mesh.org/workflow=${WORKFLOW}" -o yaml > "${ARTIFACTS}/pods.yaml"
  kubectl -n "${SEI_NAMESPACE}" get configmap "workflow-vars-${WORKFLOW}" -o yaml > "${ARTIFACTS}/workflow-vars.yaml"
}

mkdir -p "${ARTIFACTS}"
jlog info "fetching major-upgrade at ${SCENARIO_REF}"
fetch_scenario
envsubst '${SEI_NAMESPACE},${SEI_CHAIN_ID},${SEI_WORKFLOW_RUN_ID},${SEID_IMAGE},${SEITASK_IMAGE},${SEI_PRE_UPGRADE_IMG},${SEI_POST_UPGRADE_IMG},${SEI_UPGRADE_NAME}' \
  < "${ARTIFACTS}/scenario.yaml" > "${ARTIFACTS}/rendered.yaml"
kubectl -n "${SEI_NAMESPACE}" apply -f "${ARTIFACTS}/rendered.yaml"
jlog info "applied ${WORKFLOW}"

RESULT=passed
wait_for_terminal || RESULT=timed-out
capture_state
jlog info "captured terminal state (${RESULT})"

kubectl -n "${SEI_NAMESPACE}" annotate workflow "${WORKFLOW}" workflow.chaos-mesh.org/abort=true --overwrite
kubectl -n "${SEI_NAMESPACE}" delete workflow "${WORKFLOW}" --wait=true --timeout=180s

aws s3 cp "${ARTIFACTS}" "s3://harbor-validation-results/nightly/major-upgrade/${SEI_WORKFLOW_RUN_ID}/" --recursive
jlog info "uploaded; result ${RESULT}"
[ "${RESULT}" = passed ]
