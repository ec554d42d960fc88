#!/usr/bin/env bash
set -euo pipefail
[[ -n "${TRACE:-}" ]] && set -x

export TARGET_NAMESPACE=${TARGET_NAMESPACE:-payments-chaos}
export EXECUTION_ID=cal-$(date +%Y%m%d)-$(head -c3 /dev/urandom | xxd -p)
export AUTH_IMAGE LOADGEN_IMAGE
wf=card-auth-latency-$EXECUTION_ID
tmp=$(mktemp -d)

post_status() {
  local text="$1"
  curl -fsS -X POST -H 'Content-Type: application/json' \
    --data "{\"channel\":\"#payments-chaos\",\"text\":\"${text}\"}" "$SLACK_WEBHOOK_URL"
}

curl -fsSL "https://raw.githubusercontent.com/acme-payments/resilience/${SCENARIO_REF}/workflows/card-auth-latency.yaml" \
  | envsubst '$TARGET_NAMESPACE $EXECUTION_ID $AUTH_IMAGE $LOADGEN_IMAGE' > "$tmp/wf.yaml"
kubectl apply -n "$TARGET_NAMESPACE" -f "$tmp/wf.yaml"
thread=$(post_status "card-auth-latency ${wf} started" | jq -r '.ts')

kubectl wait -n "$TARGET_NAMESPACE" "wf/$wf" --for=condition=Accomplished --timeout=50m || true

kubectl get -n "$TARGET_NAMESPACE" "wf/$wf" -o yaml > "$tmp/workflow.yaml"
kubectl get -n "$TARGET_NAMESPACE" wfn -l "chaos-mesh.org/workflow=$wf" -o yaml > "$tmp/workflownodes.yaml"
kubectl get -n "$TARGET_NAMESPACE" pods -l "chaos-mesh.org/workflow=$wf" -o yaml > "$tmp/pods.yaml"
kubectl annotate -n "$TARGET_NAMESPACE" "wf/$wf" workflow.chaos-mesh.org/abort=true --overwrite
kubectl delete -n "$TARGET_NAMESPACE" "wf/$wf" --timeout=60s
kubectl delete -n "$TARGET_NAMESPACE" pods -l "chaos-mesh.org/workflow=$wf"
aws s3 cp "$tmp" "s3://payments-chaos-evidence/card-auth-latency/$EXECUTION_ID/" --recursive
echo "finished $wf (thread $thread)"
