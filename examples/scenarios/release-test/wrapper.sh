#!/usr/bin/env bash
# release-test nightly: fetch the scenario at SCENARIO_REF, render it, run it, keep the evidence.
set -euo pipefail

: "${SCENARIO_REF:?SCENARIO_REF must name a sei-k8s-controller commit}"
: "${SEID_IMAGE:?}" "${SEITASK_IMAGE:?}" "${RELEASE_TEST_IMAGE:?}"

export SEI_NAMESPACE="${SEI_NAMESPACE:-release-test}"
export SEI_CHAIN_ID="${SEI_CHAIN_ID:-release-test-chain}"
export SEI_WORKFLOW_RUN_ID="rt-$(date -u +%Y%m%d%H%M)"
export SEID_IMAGE SEITASK_IMAGE RELEASE_TEST_IMAGE

WF="release-test-${SEI_WORKFLOW_RUN_ID}"
BUCKET="harbor-validation-results"
PREFIX="nightly/release-test/${SEI_WORKFLOW_RUN_ID}"
WORK="$(mktemp -d)"
LOG="${WORK}/orchestrator.log"
SOFT_DEADLINE_S=3600
HARD_DEADLINE_S=4500
POLL_S=30

exec > >(tee -a "${LOG}") 2>&1

log() { echo "[$(date -u +%Y-%m-%dT%H:%M:%SZ)] [release-test] $*"; }

upload() {
  log "uploading evidence to s3://${BUCKET}/${PREFIX}/"
  aws s3 cp "${WORK}/capture" "s3://${BUCKET}/${PREFIX}/" --recursive || true
  aws s3 cp "${LOG}" "s3://${BUCKET}/${PREFIX}/orchestrator.log" || true
}
trap upload EXIT

log "fetching scenarios/release-test.yaml at ${SCENARIO_REF}"
curl -fsSL -o "${WORK}/scenario.yaml" \
  "https://raw.githubusercontent.com/sei-protocol/sei-k8s-controller/${SCENARIO_REF}/scenarios/release-test.yaml"

envsubst '${SEI_NAMESPACE} ${SEI_CHAIN_ID} ${SEI_WORKFLOW_RUN_ID} ${SEID_IMAGE} ${SEITASK_IMAGE} ${RELEASE_TEST_IMAGE}' \
  < "${WORK}/scenario.yaml" > "${WORK}/rendered.yaml"

log "applying workflow ${WF} in ${SEI_NAMESPACE}"
kubectl apply -n "${SEI_NAMESPACE}" -f "${WORK}/rendered.yaml"

START=$(date +%s)
WARNED=0
STATE=""
while true; do
  STATE=$(kubectl get workflow "${WF}" -n "${SEI_NAMESPACE}" \
    -o jsonpath='{.status.conditions[?(@.type=="Accomplished")].status}' || true)
  if [ "${STATE}" = "True" ]; then
    log "workflow accomplished"
    break
  fi
  ELAPSED=$(( $(date +%s) - START ))
  if [ "${ELAPSED}" -ge "${SOFT_DEADLINE_S}" ] && [ "${WARNED}" -eq 0 ]; then
    log "WARNING: ${WF} overran the 60m inner deadline (${ELAPSED}s)"
    WARNED=1
  fi
  if [ "${ELAPSED}" -ge "${HARD_DEADLINE_S}" ]; then
    log "ERROR: hard deadline reached after ${ELAPSED}s, giving up"
    break
  fi
  sleep "${POLL_S}"
done

log "capturing terminal state"
mkdir -p "${WORK}/capture"
kubectl get workflow "${WF}" -n "${SEI_NAMESPACE}" -o yaml > "${WORK}/capture/workflow.yaml"
kubectl get workflownodes -n "${SEI_NAMESPACE}" -l "chaos-mesh.org/workflow=${WF}" -o yaml > "${WORK}/capture/workflownodes.yaml"
kubectl get pods -n "${SEI_NAMESPACE}" -l "chaos-mesh.org/workflow=${WF}" -o yaml > "${WORK}/capture/pods.yaml"
kubectl get configmap "workflow-vars-${WF}" -n "${SEI_NAMESPACE}" -o yaml > "${WORK}/capture/workflow-vars.yaml" || true

log "cleaning up ${WF}"
kubectl annotate workflow "${WF}" -n "${SEI_NAMESPACE}" workflow.chaos-mesh.org/abort=true --overwrite || true
kubectl delete workflow "${WF}" -n "${SEI_NAMESPACE}" --wait=true --timeout=120s || true
kubectl delete pods -n "${SEI_NAMESPACE}" -l "chaos-mesh.org/workflow=${WF}" --ignore-not-found --wait=false

FAILED=$(kubectl get pods -n "${SEI_NAMESPACE}" -l "chaos-mesh.org/workflow=${WF}" \
  -o jsonpath='{.items[*].status.containerStatuses[*].state.terminated.exitCode}' 2>/dev/null | tr ' ' '\n' | grep -cv '^0$' || true)
if [ "${STATE}" != "True" ] || [ "${FAILED}" -gt 0 ]; then
  log "release-test FAILED (state=${STATE:-unknown}, failed tasks=${FAILED})"
  exit 1
fi
log "release-test passed"
