#!/bin/sh
set -eux

: "${K8S_NAMESPACE:=edge-chaos}"
WORKFLOW_SUFFIX=$(cat /proc/sys/kernel/random/uuid | cut -d- -f1)
export K8S_NAMESPACE WORKFLOW_SUFFIX EDGE_IMAGE PROBE_IMAGE
NAME=bandwidth-cap-$WORKFLOW_SUFFIX
OUT=$(mktemp -d)

wget -q -O - "https://raw.githubusercontent.com/acme-edge/chaos-suite/$SCENARIO_REF/suite/bandwidth-cap.yaml" \
  | envsubst '$K8S_NAMESPACE $WORKFLOW_SUFFIX $EDGE_IMAGE $PROBE_IMAGE' \
  | kubectl -n "$K8S_NAMESPACE" apply -f -

kubectl -n "$K8S_NAMESPACE" wait workflow "$NAME" \
  --for=jsonpath='{.status.conditions[?(@.type=="Accomplished")].status}'=True --timeout=45m || echo "timeout waiting for $NAME"

kubectl -n "$K8S_NAMESPACE" get workflow "$NAME" -o yaml > "$OUT/workflow.yaml"
kubectl -n "$K8S_NAMESPACE" get workflownodes -l "chaos-mesh.org/workflow=$NAME" -o yaml > "$OUT/workflownodes.yaml"
kubectl -n "$K8S_NAMESPACE" get pods -l "chaos-mesh.org/workflow=$NAME" -o yaml > "$OUT/pods.yaml"
kubectl -n "$K8S_NAMESPACE" annotate workflow "$NAME" workflow.chaos-mesh.org/abort=true --overwrite
kubectl -n "$K8S_NAMESPACE" delete workflow "$NAME" --timeout=60s
kubectl -n "$K8S_NAMESPACE" delete pods -l "chaos-mesh.org/workflow=$NAME" --wait=false
aws s3 cp "$OUT" "s3://acme-edge-chaos/bandwidth-cap/$WORKFLOW_SUFFIX/" --recursive
