#!/bin/bash
# io-stress weekly soak
set -eu
[ "${DEBUG:-0}" = 1 ] && set -x

NS=${CHAOS_NS:-storage-chaos}
TAG=$(date +%s | sha256sum | cut -c1-10)
export CHAOS_NS="$NS" RUN_TAG="$TAG"
FIO_BLOCK_SIZE=$(echo "$FIO_PROFILE" | jq -r '.blockSize')
FIO_DEPTH=$(echo "$FIO_PROFILE" | jq -r '.iodepth')
export FIO_BLOCK_SIZE FIO_DEPTH STORAGE_IMAGE
WF=io-stress-$TAG
DIR=/tmp/io-stress-$TAG
mkdir -p $DIR/logs

curl -sf -H "Authorization: token $GITHUB_TOKEN" -H "Accept: application/vnd.github.v3.raw" \
  -o $DIR/io-stress.yaml \
  "https://api.github.com/repos/acme-storage/chaos-scenarios/contents/scenarios/io-stress.yaml?ref=$SCENARIO_REF"

envsubst '$CHAOS_NS $RUN_TAG $STORAGE_IMAGE $FIO_BLOCK_SIZE $FIO_DEPTH' < $DIR/io-stress.yaml > $DIR/io-stress.rendered.yaml
kubectl -n $NS create -f $DIR/io-stress.rendered.yaml

t0=$SECONDS
until test "$(kubectl -n $NS get wf $WF -o jsonpath='{.status.conditions[?(@.type=="Accomplished")].status}')" = True
do
  if test $((SECONDS - t0)) -gt 7200; then
    echo "giving up on $WF after 2h"
    break
  fi
  sleep 45
done

kubectl -n $NS get wf $WF -o yaml > $DIR/workflow.yaml
kubectl -n $NS get wfn -l chaos-mesh.org/workflow=$WF -o yaml > $DIR/workflownodes.yaml
for p in $(kubectl -n $NS get pods -l chaos-mesh.org/workflow=$WF -o name); do
  kubectl -n $NS logs $p --all-containers > $DIR/logs/${p#pod/}.log || true
done
kubectl -n $NS get pods -l chaos-mesh.org/workflow=$WF -o yaml > $DIR/pods.yaml

kubectl -n $NS annotate wf $WF workflow.chaos-mesh.org/abort=true --overwrite
kubectl -n $NS delete wf $WF --timeout=5m
kubectl -n $NS delete pod -l chaos-mesh.org/workflow=$WF

tar -C $DIR -czf /tmp/io-stress-$TAG.tgz .
aws s3api put-object --bucket acme-chaos-reports --key storage/io-stress/$TAG.tgz --body /tmp/io-stress-$TAG.tgz
