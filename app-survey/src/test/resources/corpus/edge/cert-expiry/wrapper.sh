#!/bin/sh
set -e

K8S_NAMESPACE=${K8S_NAMESPACE:-edge-chaos}
WORKFLOW_SUFFIX=$(date +%Y%m%d%H%M | tr -d '\n')
export K8S_NAMESPACE WORKFLOW_SUFFIX EDGE_IMAGE PROBE_IMAGE
WF=cert-expiry-$WORKFLOW_SUFFIX
WORK=/tmp/cert-expiry
WARN_AFTER=$(date -d "+${CERT_WARN_DAYS} days" +%s)
mkdir -p $WORK

log_line() { echo "$(date +%T) cert-expiry: $*"; }

log_line "warn threshold $(date -d @"$WARN_AFTER" +%F)"
curl -fsS https://raw.githubusercontent.com/acme-edge/chaos-suite/$SCENARIO_REF/suite/cert-expiry.yaml > $WORK/suite.yaml
envsubst '$K8S_NAMESPACE $WORKFLOW_SUFFIX $EDGE_IMAGE $PROBE_IMAGE' < $WORK/suite.yaml > $WORK/apply.yaml
kubectl apply -n $K8S_NAMESPACE -f $WORK/apply.yaml

tries=0
until [ "$(kubectl get wf $WF -n $K8S_NAMESPACE -o json | jq -r '.status.conditions[]? | select(.type=="Accomplished") | .status')" = "True" ]; do
  tries=$((tries + 1))
  if [ $tries -gt 180 ]; then
    log_line "no result after 45 minutes"
    break
  fi
  sleep 15
done

kubectl get wf $WF -n $K8S_NAMESPACE -o yaml > $WORK/workflow.yaml
kubectl get wfn -n $K8S_NAMESPACE -l chaos-mesh.org/workflow=$WF -o yaml > $WORK/workflownodes.yaml
kubectl get pods -n $K8S_NAMESPACE -l chaos-mesh.org/workflow=$WF -o yaml > $WORK/pods.yaml
kubectl annotate wf $WF -n $K8S_NAMESPACE workflow.chaos-mesh.org/abort=true --overwrite
kubectl delete wf $WF -n $K8S_NAMESPACE --timeout=60s
kubectl delete pods -n $K8S_NAMESPACE -l chaos-mesh.org/workflow=$WF
aws s3 cp $WORK s3://acme-edge-chaos/cert-expiry/$WORKFLOW_SUFFIX/ --recursive
