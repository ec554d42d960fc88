#!/usr/bin/env bash
# chain-halt nightly
set -euo pipefail

export NS="${NS:-chain-halt}"
export RUN_ID="ch-$(date +%s)"
export SEITASK_IMAGE SEID_IMAGE UPGRADE_NAME

WF="chain-halt-${RUN_ID}"
OUT=/tmp/out
mkdir -p "${OUT}"

curl -fsSL -o "${OUT}/scenario.yaml" \
  "https://raw.githubusercontent.com/sei-protocol/sei-k8s-controller/${SCENARIO_REF}/scenarios/chain-halt.yaml"
envsubst '${NS} ${RUN_ID} ${SEITASK_IMAGE} ${SEID_IMAGE} ${UPGRADE_NAME}' < "${OUT}/scenario.yaml" > "${OUT}/rendered.yaml"
kubectl -n "${NS}" apply -f "${OUT}/rendered.yaml"

START=$(date +%s)
WARNED=0
while true; do
  DONE=$(kubectl -n "${NS}" get workflow "${WF}" -o jsonpath='{.status.conditions[?(@.type=="Accomplished")].status}')
  [ "${DONE}" = "True" ] && break
  ELAPSED=$(( $(date +%s) - START ))
  if [ "${ELAPSED}" -gt 2700 ] && [ "${WARNED}" = 0 ]; then echo "chain-halt passed 45m"; WARNED=1; fi
  if [ "${ELAPSED}" -gt 3300 ]; then echo "timed out"; break; fi
  sleep 20
done

kubectl -n "${NS}" get workflow "${WF}" -o yaml > "${OUT}/workflow.yaml"
kubectl -n "${NS}" get workflownodes -l "chaos-mesh.org/workflow=${WF}" -o yaml > "${OUT}/workflownodes.yaml"
kubectl -n "${NS}" annotate workflow "${WF}" workflow.chaos-mesh.org/abort=true --overwrite
kubectl -n "${NS}" delete workflow "${WF}" --wait=true --timeout=120s
aws s3 cp "${OUT}" "s3://harbor-validation-results/nightly/chain-halt/${RUN_ID}/" --recursive
