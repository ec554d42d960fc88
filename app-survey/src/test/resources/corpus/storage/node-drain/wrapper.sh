#!/usr/bin/env bash
#
# node-drain: the Workflow drains one storage node from a Task; this script
# only fetches the scenario, renders it, runs it and archives what happened.
#
set -o errexit
set -o nounset
set -o pipefail

readonly SCENARIO="node-drain"
readonly REPO_RAW="https://raw.githubusercontent.com/acme-storage/chaos-scenarios"
CHAOS_NS="${CHAOS_NS:-storage-chaos}"
RUN_TAG="$(uuidgen | tr '[:upper:]' '[:lower:]' | cut -c1-8)"
export CHAOS_NS RUN_TAG STORAGE_IMAGE
WORKFLOW_NAME="${SCENARIO}-${RUN_TAG}"
SCRATCH="/tmp/${SCENARIO}.${RUN_TAG}"
REPORT_BUCKET="acme-chaos-reports"

note() {
    local level="$1"; shift
    printf '%s %-5s %s\n' "$(date -u '+%Y-%m-%d %H:%M:%S')" "${level}" "$*"
}

await_workflow() {
    local name="$1"
    local limit="$2"
    local every="$3"
    local started
    started="$(date +%s)"
    while true; do
        local state
        state="$(kubectl get workflow "${name}" --namespace "${CHAOS_NS}" \
            -o jsonpath='{.status.conditions[?(@.type=="Accomplished")].status}')"
        if [[ "${state}" == "True" ]]; then
            note INFO "${name} accomplished"
            return 0
        fi
        if (( $(date +%s) - started > limit )); then
            note ERROR "${name} still running after ${limit}s"
            return 1
        fi
        sleep "${every}"
    done
}

teardown() {
    local rc=$?
    note INFO "collecting state of ${WORKFLOW_NAME} (exit ${rc})"
    mkdir -p "${SCRATCH}/state"
    kubectl get workflow "${WORKFLOW_NAME}" --namespace "${CHAOS_NS}" -o yaml > "${SCRATCH}/state/workflow.yaml" || true
    kubectl get workflownodes --namespace "${CHAOS_NS}" -l "chaos-mesh.org/workflow=${WORKFLOW_NAME}" -o yaml > "${SCRATCH}/state/workflownodes.yaml" || true
    kubectl get pods --namespace "${CHAOS_NS}" -l "chaos-mesh.org/workflow=${WORKFLOW_NAME}" -o yaml > "${SCRATCH}/state/pods.yaml" || true
    kubectl annotate workflow "${WORKFLOW_NAME}" --namespace "${CHAOS_NS}" workflow.chaos-mesh.org/abort=true --overwrite || true
    kubectl delete workflow "${WORKFLOW_NAME}" --namespace "${CHAOS_NS}" --wait=true --timeout=90s || true
    kubectl delete pods --namespace "${CHAOS_NS}" -l "chaos-mesh.org/workflow=${WORKFLOW_NAME}" --wait=false || true
    aws s3 cp "${SCRATCH}/state" "s3://${REPORT_BUCKET}/storage/${SCENARIO}/${RUN_TAG}/" --recursive || true
    exit "${rc}"
}

mkdir -p "${SCRATCH}"
trap teardown EXIT

note INFO "fetching scenarios/${SCENARIO}.yaml at ${SCENARIO_REF}"
wget -q -O "${SCRATCH}/scenario.yaml" "${REPO_RAW}/${SCENARIO_REF}/scenarios/${SCENARIO}.yaml"

note INFO "rendering"
envsubst '${CHAOS_NS} ${RUN_TAG} ${STORAGE_IMAGE}' < "${SCRATCH}/scenario.yaml" > "${SCRATCH}/rendered.yaml"

note INFO "applying ${WORKFLOW_NAME}"
kubectl apply --namespace "${CHAOS_NS}" -f "${SCRATCH}/rendered.yaml"

await_workflow "${WORKFLOW_NAME}" 5400 30
