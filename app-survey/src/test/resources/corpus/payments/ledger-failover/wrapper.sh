#!/usr/bin/env bash
# Ledger failover drill. Runs nightly from the ledger-failover CronJob.
set -euo pipefail

TARGET_NAMESPACE="${TARGET_NAMESPACE:-payments-chaos}"
EXECUTION_ID="lf-$(date -u +%y%m%d-%H%M)"
export TARGET_NAMESPACE EXECUTION_ID LEDGER_IMAGE DRILL_IMAGE
WF="ledger-failover-${EXECUTION_ID}"
EVIDENCE="/work/evidence"
mkdir -p "${EVIDENCE}"

log() { echo "$(date -Is) [ledger-failover] $*"; }

cleanup() {
  kubectl -n "${TARGET_NAMESPACE}" get workflow "${WF}" -o yaml > "${EVIDENCE}/workflow.yaml" || true
  kubectl -n "${TARGET_NAMESPACE}" get workflownodes -l "chaos-mesh.org/workflow=${WF}" -o yaml > "${EVIDENCE}/workflownodes.yaml" || true
  kubectl -n "${TARGET_NAMESPACE}" get pods -l "chaos-mesh.org/workflow=${WF}" -o yaml > "${EVIDENCE}/pods.yaml" || true
  kubectl -n "${TARGET_NAMESPACE}" annotate workflow "${WF}" workflow.chaos-mesh.org/abort=true --overwrite || true
  kubectl -n "${TARGET_NAMESPACE}" delete workflow "${WF}" --timeout=2m || true
  kubectl -n "${TARGET_NAMESPACE}" delete pods -l "chaos-mesh.org/workflow=${WF}" || true
  # put the standby back to one replica whatever happened
  kubectl -n payments scale deployment/ledger-standby --replicas=1 || true
  aws s3 cp "${EVIDENCE}" "s3://payments-chaos-evidence/ledger-failover/${EXECUTION_ID}/" --recursive || true
}
trap cleanup EXIT

log "fetching scenario at ${SCENARIO_REF}"
curl -fsSL -o /tmp/scenario.yaml \
  "https://raw.githubusercontent.com/acme-payments/resilience/${SCENARIO_REF}/workflows/ledger-failover.yaml"
envsubst '${TARGET_NAMESPACE} ${EXECUTION_ID} ${LEDGER_IMAGE} ${DRILL_IMAGE}' < /tmp/scenario.yaml > /tmp/rendered.yaml

log "scaling the standby ledger to 3 replicas before the drill"
kubectl -n payments scale deployment/ledger-standby --replicas=3
kubectl -n payments rollout status deployment/ledger-standby --timeout=5m

kubectl -n "${TARGET_NAMESPACE}" apply -f /tmp/rendered.yaml
log "waiting for ${WF}"
kubectl -n "${TARGET_NAMESPACE}" wait workflow "${WF}" --for=condition=Accomplished --timeout=80m || log "${WF} timed out"
