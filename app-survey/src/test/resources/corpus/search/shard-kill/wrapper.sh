#!/usr/bin/env bash
set -euo pipefail

SEARCH_NS=${SEARCH_NS:-search-chaos}
RUN=$(date +%s | tail -c 7)
export SEARCH_NS RUN OPENSEARCH_IMAGE CHECKER_IMAGE
NAME=shard-kill-$RUN
ART=/var/tmp/shard-kill
mkdir -p $ART/logs

log() { echo "shard-kill | $(date +%T) | $*"; }

log "waiting for the search cluster to be ready"
kubectl wait --for=condition=Ready pod -l app=opensearch -n search --timeout=10m

curl -fsSL -o $ART/scenario.yaml "https://raw.githubusercontent.com/acme-search/chaos/$SCENARIO_REF/scenarios/shard-kill.yaml"
envsubst '$SEARCH_NS $RUN $OPENSEARCH_IMAGE $CHECKER_IMAGE' < $ART/scenario.yaml > $ART/rendered.yaml
kubectl apply -n $SEARCH_NS -f $ART/rendered.yaml
log "applied workflow/$NAME"

kubectl wait --for=condition=Accomplished workflow/$NAME -n $SEARCH_NS --timeout=65m || log "not accomplished in 65m"

kubectl get workflow/$NAME -n $SEARCH_NS -o yaml > $ART/workflow.yaml
kubectl get workflownodes -n $SEARCH_NS -l chaos-mesh.org/workflow=$NAME -o yaml > $ART/workflownodes.yaml
kubectl get pods -n $SEARCH_NS -l chaos-mesh.org/workflow=$NAME -o yaml > $ART/pods.yaml
for pod in $(kubectl get pods -n $SEARCH_NS -l chaos-mesh.org/workflow=$NAME -o jsonpath='{.items[*].metadata.name}'); do
  kubectl logs -n $SEARCH_NS $pod > $ART/logs/$pod.log 2>&1 || true
done

kubectl annotate workflow/$NAME -n $SEARCH_NS workflow.chaos-mesh.org/abort=true --overwrite
kubectl delete workflow/$NAME -n $SEARCH_NS --wait=true --timeout=3m
kubectl delete pods -n $SEARCH_NS -l chaos-mesh.org/workflow=$NAME --ignore-not-found

aws s3 cp $ART s3://acme-search-chaos/shard-kill/$RUN --recursive
