#!/usr/bin/env bash
set -euo pipefail

: "${SCENARIO_REF:?}" "${STORAGE_IMAGE:?}" "${PROBE_IMAGE:?}"
export CHAOS_NS="${CHAOS_NS:-storage-chaos}"
export RUN_TAG="$(openssl rand -hex 4)"
export STORAGE_IMAGE PROBE_IMAGE
wf="volume-latency-${RUN_TAG}"
out="$(mktemp -d)"

gh api -H "Accept: application/vnd.github.raw" \
  "repos/acme-storage/chaos-scenarios/contents/scenarios/volume-latency.yaml?ref=${SCENARIO_REF}" > "$out/scenario.yaml"
envsubst '$CHAOS_NS $RUN_TAG $STORAGE_IMAGE $PROBE_IMAGE' < "$out/scenario.yaml" | kubectl apply -f -

if ! kubectl wait "workflow/${wf}" -n "$CHAOS_NS" --for=condition=Accomplished --timeout=75m; then
  echo "volume-latency: ${wf} did not finish within 75m" >&2
fi

kubectl get "workflow/${wf}" -n "$CHAOS_NS" -o yaml > "$out/workflow.yaml"
kubectl get workflownodes -n "$CHAOS_NS" -l "chaos-mesh.org/workflow=${wf}" -o yaml > "$out/nodes.yaml"
kubectl get pods -n "$CHAOS_NS" -l "chaos-mesh.org/workflow=${wf}" -o yaml > "$out/pods.yaml"

kubectl annotate "workflow/${wf}" -n "$CHAOS_NS" workflow.chaos-mesh.org/abort=true --overwrite
kubectl delete "workflow/${wf}" -n "$CHAOS_NS" --timeout=2m
kubectl delete pods -n "$CHAOS_NS" -l "chaos-mesh.org/workflow=${wf}" --ignore-not-found

aws s3 sync "$out" "s3://acme-chaos-reports/storage/volume-latency/${RUN_TAG}/"
