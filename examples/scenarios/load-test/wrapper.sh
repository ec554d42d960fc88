#!/usr/bin/env bash
# load-test nightly, started from the release-test wrapper and adapted.
set -eo pipefail

SCENARIO_REF="${SCENARIO_REF:?}"
SEI_NAMESPACE="${SEI_NAMESPACE:-load-test}"
SEI_CHAIN_ID="${SEI_CHAIN_ID:-load-test-chain}"
SEI_WORKFLOW_RUN_ID="lt-${HOSTNAME##*-}"
DURATION_MINUTES="${DURATION_MINUTES:-20}"
SEILOAD_PROFILE="${SEILOAD_PROFILE:-evm-transfer-mix}"

# seiload's profile is pinned to the seid build under test: take the commit from the image tag
# (ghcr.io/sei-protocol/seid:v6.1.0-3f9c2a1b -> 3f9c2a1b)
SEID_TAG="${SEID_IMAGE##*:}"
SEILOAD_COMMIT_ID="${SEID_TAG##*-}"

export SEI_NAMESPACE SEI_CHAIN_ID SEI_WORKFLOW_RUN_ID SEID_IMAGE SEITASK_IMAGE
export SEILOAD_IMAGE SEILOAD_COMMIT_ID SEILOAD_PROFILE DURATION_MINUTES

NAME="load-test-${SEI_WORKFLOW_RUN_ID}"
OUT="/tmp/load-test-${SEI_WORKFLOW_RUN_ID}"
mkdir -p "${OUT}"
exec > >(tee "${OUT}/orchestrator.log") 2>&1

say() { echo "$(date +%H:%M:%S) load-test: $*"; }

finish() {
  rc=$?
  say "exit ${rc}; cleaning up ${NAME}"
  kubectl annotate wf "${NAME}" -n "${SEI_NAMESPACE}" workflow.chaos-mesh.org/abort=true --overwrite
  kubectl delete wf "${NAME}" -n "${SEI_NAMESPACE}" --wait=true --timeout=300s
  kubectl get wf "${NAME}" -n "${SEI_NAMESPACE}" -o yaml > "${OUT}/workflow.yaml" || true
  kubectl get wfn -n "${SEI_NAMESPACE}" -l "chaos-mesh.org/workflow=${NAME}" -o yaml > "${OUT}/workflownodes.yaml" || true
  kubectl get pods -n "${SEI_NAMESPACE}" -l "chaos-mesh.org/workflow=${NAME}" -o wide > "${OUT}/pods.txt" || true
  kubectl delete pod -n "${SEI_NAMESPACE}" -l "chaos-mesh.org/workflow=${NAME}"
  aws s3 cp --recursive "${OUT}" "s3://harbor-validation-results/nightly/load-test/${SEI_WORKFLOW_RUN_ID}/"
  exit ${rc}
}
trap finish EXIT

say "rendering scenarios/load-test.yaml at ${SCENARIO_REF} (seiload commit ${SEILOAD_COMMIT_ID})"
git init -q "${OUT}/src"
git -C "${OUT}/src" fetch -q --depth 1 https://github.com/sei-protocol/sei-k8s-controller "${SCENARIO_REF}"
git -C "${OUT}/src" show FETCH_HEAD:scenarios/load-test.yaml \
  | envsubst '$SEI_NAMESPACE $SEI_CHAIN_ID $SEI_WORKFLOW_RUN_ID $SEID_IMAGE $SEITASK_IMAGE $SEILOAD_IMAGE $SEILOAD_COMMIT_ID $SEILOAD_PROFILE $DURATION_MINUTES' \
  | kubectl apply -n "${SEI_NAMESPACE}" -f -

# the load itself runs DURATION_MINUTES; give the provisioning an hour on top
HARD_LIMIT=$(( (DURATION_MINUTES + 60) * 60 ))
t0=$SECONDS
while :; do
  done_status=$(kubectl get wf "${NAME}" -n "${SEI_NAMESPACE}" -o jsonpath='{.status.conditions[?(@.type=="Accomplished")].status}')
  [ "${done_status}" == "True" ] && break
  if (( SECONDS - t0 > 3600 )); then
    say "WARN still running after 60m"
  fi
  if (( SECONDS - t0 > HARD_LIMIT )); then
    say "ERROR hard limit ${HARD_LIMIT}s exceeded"
    exit 3
  fi
  sleep 60
done
say "done"
