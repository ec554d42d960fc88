#!/usr/bin/env bash
set -euo pipefail

: "${SCENARIO_REF:?set SCENARIO_REF}"
export TARGET_NAMESPACE="${TARGET_NAMESPACE:-payments-chaos}"
export EXECUTION_ID="sb-$(date +%s)"
export SETTLEMENT_IMAGE BATCH_SIZE
WF="settlement-backfill-${EXECUTION_ID}"
WORK="$(mktemp -d)"

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

git init -q "${WORK}/repo"
git -C "${WORK}/repo" fetch -q --depth 1 https://github.com/acme-payments/resilience.git "${SCENARIO_REF}"
git -C "${WORK}/repo" show FETCH_HEAD:workflows/settlement-backfill.yaml > "${WORK}/scenario.yaml"

# The backfill needs yesterday's settlements in the scratch database.
DB_POD=$(kubectl -n payments get pods -l app=settlement-db -o jsonpath='{.items[0].metadata.name}')
kubectl -n payments cp ./fixtures/settlements.sql "${DB_POD}:/tmp/settlements.sql"
kubectl -n payments exec "${DB_POD}" -- psql -U settlement -d scratch -f /tmp/settlements.sql
say "seeded ${DB_POD}"

envsubst '${TARGET_NAMESPACE} ${EXECUTION_ID} ${SETTLEMENT_IMAGE} ${BATCH_SIZE}' < "${WORK}/scenario.yaml" \
  | kubectl -n "${TARGET_NAMESPACE}" apply -f -

START=$(date +%s)
while true; do
  phase=$(kubectl -n "${TARGET_NAMESPACE}" get workflow "${WF}" -o jsonpath='{.status.conditions[?(@.type=="Accomplished")].status}')
  [ "${phase}" = "True" ] && break
  [ $(( $(date +%s) - START )) -gt 3600 ] && { say "timed out"; break; }
  sleep 30
done

kubectl -n "${TARGET_NAMESPACE}" get workflow "${WF}" -o yaml > "${WORK}/workflow.yaml"
kubectl -n "${TARGET_NAMESPACE}" get workflownodes -l "chaos-mesh.org/workflow=${WF}" -o yaml > "${WORK}/workflownodes.yaml"
kubectl -n "${TARGET_NAMESPACE}" get pods -l "chaos-mesh.org/workflow=${WF}" -o yaml > "${WORK}/pods.yaml"
kubectl -n "${TARGET_NAMESPACE}" annotate workflow "${WF}" workflow.chaos-mesh.org/abort=true --overwrite
kubectl -n "${TARGET_NAMESPACE}" delete workflow "${WF}" --timeout=120s
kubectl -n "${TARGET_NAMESPACE}" delete pods -l "chaos-mesh.org/workflow=${WF}"
aws s3 cp "${WORK}" "s3://payments-chaos-evidence/settlement-backfill/${EXECUTION_ID}/" --recursive --exclude "repo/*"
