#!/usr/bin/env bash
# query-flood: floods the search API while a coordinator node is CPU-starved.
set -euo pipefail
source /opt/search-chaos/lib/common.sh

export SEARCH_NS="${SEARCH_NS:-search-chaos}"
export RUN="$(date +%j%H%M)"
export OPENSEARCH_IMAGE FLOOD_IMAGE
export FLOOD_QPS="$(awk -v base="${BASE_QPS:-400}" 'BEGIN { print base * 3 }')"
NAME="query-flood-${RUN}"
ART="$(mktemp -d)"

search_banner "query-flood ${NAME}"

curl -fsSL -o "${ART}/scenario.yaml" "https://raw.githubusercontent.com/acme-search/chaos/${SCENARIO_REF}/scenarios/query-flood.yaml"
envsubst '${SEARCH_NS} ${RUN} ${OPENSEARCH_IMAGE} ${FLOOD_IMAGE} ${FLOOD_QPS}' < "${ART}/scenario.yaml" > "${ART}/rendered.yaml"
kubectl apply -n "${SEARCH_NS}" -f "${ART}/rendered.yaml"

poll_workflow() {
  local wf=$1 timeout_min=$2
  local end=$(( SECONDS + timeout_min * 60 ))
  until [ "$(kubectl get workflow "$wf" -n "${SEARCH_NS}" -o jsonpath='{.status.conditions[?(@.type=="Accomplished")].status}')" = "True" ]; do
    if [ "${SECONDS}" -ge "${end}" ]; then
      echo "query-flood: ${wf} still running after ${timeout_min}m" >&2
      return 1
    fi
    sleep 30
  done
}
poll_workflow "${NAME}" 70 || true

promtool query instant http://prometheus.monitoring:9090 'max_over_time(search_query_latency_p99[1h])' > "${ART}/p99.txt" || true

kubectl get workflow "${NAME}" -n "${SEARCH_NS}" -o yaml > "${ART}/workflow.yaml"
kubectl get workflownodes -n "${SEARCH_NS}" -l "chaos-mesh.org/workflow=${NAME}" -o yaml > "${ART}/workflownodes.yaml"
kubectl get pods -n "${SEARCH_NS}" -l "chaos-mesh.org/workflow=${NAME}" -o yaml > "${ART}/pods.yaml"
kubectl annotate workflow "${NAME}" -n "${SEARCH_NS}" workflow.chaos-mesh.org/abort=true --overwrite
kubectl delete workflow "${NAME}" -n "${SEARCH_NS}" --timeout=2m
kubectl delete pods -n "${SEARCH_NS}" -l "chaos-mesh.org/workflow=${NAME}"
aws s3 cp "${ART}" "s3://acme-search-chaos/query-flood/${RUN}" --recursive
