#!/usr/bin/env bash
set -o errexit -o nounset -o pipefail

SEARCH_NS="${SEARCH_NS:-search-chaos}"
RUN="${RUN:-$(date +%s)}"
INDEX_PATTERN="$(echo "${INDEX_SET}" | tr ',' '\n' | head -n1 | tr -d ' ')"
export SEARCH_NS RUN OPENSEARCH_IMAGE CHECKER_IMAGE INDEX_PATTERN
WF_NAME="index-corruption-${RUN}"
BUNDLE="/tmp/index-corruption-${RUN}"

echo_ts() { echo "[$(date '+%F %T')] $*"; }

workflow_done() {
  kubectl get workflow "$1" -n "${SEARCH_NS}" -o json \
    | jq -e '.status.conditions // [] | map(select(.type == "Accomplished" and .status == "True")) | length > 0' > /dev/null
}

wait_until_done() {
  local wf="$1" max_seconds="$2" step="$3"
  local waited=0
  until workflow_done "${wf}"; do
    if [ "${waited}" -ge "${max_seconds}" ]; then
      echo_ts "gave up waiting for ${wf}"
      return 1
    fi
    sleep "${step}"
    waited=$(( waited + step ))
  done
}

mkdir -p "${BUNDLE}"
echo_ts "scenario ref ${SCENARIO_REF}, index ${INDEX_PATTERN}"
curl -fsSL "https://raw.githubusercontent.com/acme-search/chaos/${SCENARIO_REF}/scenarios/index-corruption.yaml" -o "${BUNDLE}/scenario.yaml"
yq -i '.metadata.labels["acme.io/triggered-by"] = "cronjob"' "${BUNDLE}/scenario.yaml"
envsubst '${SEARCH_NS} ${RUN} ${OPENSEARCH_IMAGE} ${CHECKER_IMAGE} ${INDEX_PATTERN}' < "${BUNDLE}/scenario.yaml" > "${BUNDLE}/rendered.yaml"
kubectl apply -n "${SEARCH_NS}" -f "${BUNDLE}/rendered.yaml"

status=0
wait_until_done "${WF_NAME}" 4800 60 || status=$?

kubectl get workflow "${WF_NAME}" -n "${SEARCH_NS}" -o yaml > "${BUNDLE}/workflow.yaml"
kubectl get workflownodes -n "${SEARCH_NS}" -l "chaos-mesh.org/workflow=${WF_NAME}" -o yaml > "${BUNDLE}/workflownodes.yaml"
kubectl get pods -n "${SEARCH_NS}" -l "chaos-mesh.org/workflow=${WF_NAME}" -o yaml > "${BUNDLE}/pods.yaml"
kubectl annotate workflow "${WF_NAME}" -n "${SEARCH_NS}" workflow.chaos-mesh.org/abort=true --overwrite
kubectl delete workflow "${WF_NAME}" -n "${SEARCH_NS}" --wait=true --timeout=150s
kubectl delete pods -n "${SEARCH_NS}" -l "chaos-mesh.org/workflow=${WF_NAME}" --ignore-not-found

tar -czf "${BUNDLE}.tar.gz" -C "${BUNDLE}" .
aws s3 cp "${BUNDLE}.tar.gz" "s3://acme-search-chaos/index-corruption/${RUN}.tar.gz"
exit "${status}"
