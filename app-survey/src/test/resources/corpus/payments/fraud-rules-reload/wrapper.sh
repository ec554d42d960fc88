#!/usr/bin/env bash
# fraud-rules-reload: checks the fraud engine keeps scoring while its rules are
# reloaded under packet loss.
set -eu -o pipefail

TARGET_NAMESPACE=${TARGET_NAMESPACE:-payments-chaos}
EXECUTION_ID=${EXECUTION_ID:-frr-$(date +%s)}
export TARGET_NAMESPACE EXECUTION_ID FRAUD_IMAGE RULESET_VERSION
wf="fraud-rules-reload-$EXECUTION_ID"
dir=/tmp/frr && mkdir -p $dir

info() { echo "INFO  $(date +%FT%T) $*"; }
fail() { echo "ERROR $(date +%FT%T) $*" >&2; }

finish() {
  kubectl -n $TARGET_NAMESPACE get wf "$wf" -o yaml > $dir/workflow.yaml || true
  kubectl -n $TARGET_NAMESPACE get wfn -l chaos-mesh.org/workflow="$wf" -o yaml > $dir/workflownodes.yaml || true
  kubectl -n $TARGET_NAMESPACE get po -l chaos-mesh.org/workflow="$wf" -o yaml > $dir/pods.yaml || true
  kubectl -n $TARGET_NAMESPACE annotate wf "$wf" workflow.chaos-mesh.org/abort=true --overwrite || true
  kubectl -n $TARGET_NAMESPACE delete wf "$wf" --timeout=90s || true
  kubectl -n $TARGET_NAMESPACE delete po -l chaos-mesh.org/workflow="$wf" || true
  kubectl -n payments delete networkpolicy fraud-engine-egress-lock --ignore-not-found || true
  aws s3 cp $dir s3://payments-chaos-evidence/fraud-rules-reload/$EXECUTION_ID/ --recursive || true
}
trap finish EXIT

curl -fsSL -o $dir/scenario.yaml "https://raw.githubusercontent.com/acme-payments/resilience/$SCENARIO_REF/workflows/fraud-rules-reload.yaml"

info "locking fraud-engine egress for the duration of the drill"
kubectl apply -n payments -f - <<POLICY
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: fraud-engine-egress-lock
spec:
  podSelector:
    matchLabels:
      app: fraud-engine
  policyTypes: [Egress]
  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: payments
POLICY
kubectl -n payments patch configmap fraud-rules --type merge -p "{\"data\":{\"version\":\"$RULESET_VERSION\"}}"

envsubst '$TARGET_NAMESPACE $EXECUTION_ID $FRAUD_IMAGE $RULESET_VERSION' < $dir/scenario.yaml > $dir/rendered.yaml
kubectl -n $TARGET_NAMESPACE apply -f $dir/rendered.yaml

deadline=$(( $(date +%s) + 40 * 60 ))
while [ "$(date +%s)" -lt $deadline ]; do
  s=$(kubectl -n $TARGET_NAMESPACE get wf "$wf" -o jsonpath='{.status.conditions[?(@.type=="Accomplished")].status}')
  if [ "$s" = True ]; then info "$wf done"; exit 0; fi
  sleep 15
done
fail "$wf did not finish in 40 minutes"
exit 1
