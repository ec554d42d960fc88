#!/bin/sh
# dns-blackhole: the edge proxy must keep serving from its DNS cache.
set -eu

_log() { printf '%s dns-blackhole %s\n' "$(date -u +%FT%TZ)" "$*"; }

K8S_NAMESPACE="${K8S_NAMESPACE:-edge-chaos}"
WORKFLOW_SUFFIX="$(date +%m%d%H%M)"
EDGE_VERSION="$(echo "$EDGE_IMAGE" | awk -F: '{print $NF}')"
export K8S_NAMESPACE WORKFLOW_SUFFIX EDGE_IMAGE PROBE_IMAGE
wf="dns-blackhole-${WORKFLOW_SUFFIX}"
out="/tmp/${wf}"
mkdir -p "${out}"

upload() {
  aws s3 cp "${out}" "s3://acme-edge-chaos/dns-blackhole/${WORKFLOW_SUFFIX}/" --recursive || true
}
trap upload EXIT

_log "edge ${EDGE_VERSION}, suite ${SCENARIO_REF}"
curl -fsSL -H "Authorization: Bearer $(cat "${GIT_TOKEN_FILE}")" \
  -o "${out}/scenario.yaml" \
  "https://raw.githubusercontent.com/acme-edge/chaos-suite/${SCENARIO_REF}/suite/dns-blackhole.yaml"
envsubst '${K8S_NAMESPACE} ${WORKFLOW_SUFFIX} ${EDGE_IMAGE} ${PROBE_IMAGE}' < "${out}/scenario.yaml" > "${out}/rendered.yaml"
kubectl apply -n "${K8S_NAMESPACE}" -f "${out}/rendered.yaml"

started=$(date +%s)
while :; do
  state=$(kubectl get workflow "${wf}" -n "${K8S_NAMESPACE}" -o jsonpath='{.status.conditions[?(@.type=="Accomplished")].status}')
  [ "${state}" = "True" ] && break
  if [ $(( $(date +%s) - started )) -gt 2700 ]; then
    _log "giving up after 45m"
    break
  fi
  sleep 20
done

kubectl get workflow "${wf}" -n "${K8S_NAMESPACE}" -o yaml > "${out}/workflow.yaml"
kubectl get workflownodes -n "${K8S_NAMESPACE}" -l "chaos-mesh.org/workflow=${wf}" -o yaml > "${out}/workflownodes.yaml"
kubectl get pods -n "${K8S_NAMESPACE}" -l "chaos-mesh.org/workflow=${wf}" -o yaml > "${out}/pods.yaml"
kubectl annotate workflow "${wf}" -n "${K8S_NAMESPACE}" workflow.chaos-mesh.org/abort=true --overwrite
kubectl delete workflow "${wf}" -n "${K8S_NAMESPACE}" --timeout=60s
kubectl delete pods -n "${K8S_NAMESPACE}" -l "chaos-mesh.org/workflow=${wf}"
