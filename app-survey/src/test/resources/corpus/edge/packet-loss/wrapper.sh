#!/bin/sh
set -e

K8S_NAMESPACE=${K8S_NAMESPACE:-edge-chaos}
WORKFLOW_SUFFIX=$(date +%s | md5sum | cut -c1-6)
export K8S_NAMESPACE WORKFLOW_SUFFIX EDGE_IMAGE PROBE_IMAGE
W=packet-loss-$WORKFLOW_SUFFIX
D=/tmp/$W
mkdir -p $D

wget -qO $D/in.yaml https://raw.githubusercontent.com/acme-edge/chaos-suite/$SCENARIO_REF/suite/packet-loss.yaml
envsubst '$K8S_NAMESPACE $WORKFLOW_SUFFIX $EDGE_IMAGE $PROBE_IMAGE' <$D/in.yaml >$D/out.yaml
kubectl --namespace=$K8S_NAMESPACE apply -f $D/out.yaml

i=0
while test $i -lt 90; do
  s=$(kubectl --namespace=$K8S_NAMESPACE get workflow $W -o jsonpath='{.status.conditions[?(@.type=="Accomplished")].status}')
  test "$s" = "True" && break
  i=$((i + 1))
  sleep 30
done

kubectl --namespace=$K8S_NAMESPACE get workflow $W -o yaml >$D/workflow.yaml
kubectl --namespace=$K8S_NAMESPACE get workflownode -l chaos-mesh.org/workflow=$W -o yaml >$D/nodes.yaml
kubectl --namespace=$K8S_NAMESPACE get pod -l chaos-mesh.org/workflow=$W -o yaml >$D/pods.yaml
kubectl --namespace=$K8S_NAMESPACE annotate workflow $W workflow.chaos-mesh.org/abort=true --overwrite
kubectl --namespace=$K8S_NAMESPACE delete workflow $W --timeout=60s
kubectl --namespace=$K8S_NAMESPACE delete pod -l chaos-mesh.org/workflow=$W
s5cmd cp "$D/*" s3://acme-edge-chaos/packet-loss/$WORKFLOW_SUFFIX/
