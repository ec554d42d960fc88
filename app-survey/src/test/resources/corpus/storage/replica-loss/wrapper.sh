#!/usr/bin/env bash
set -Eeuo pipefail
shopt -s nullglob

SCENARIO=replica-loss
export CHAOS_NS=${CHAOS_NS:-storage-chaos}
export RUN_TAG=${RUN_TAG:-$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')}
export STORAGE_IMAGE REPLICA_COUNT
export STORAGE_VERSION=$(echo "$STORAGE_IMAGE" | sed -E 's/^.*:v?//')
WF=$SCENARIO-$RUN_TAG
WORKDIR=$(mktemp -d -t replica-loss.XXXXXX)

PLACEHOLDERS=(CHAOS_NS RUN_TAG STORAGE_IMAGE STORAGE_VERSION REPLICA_COUNT)
ALLOWED=$(printf '${%s} ' "${PLACEHOLDERS[@]}")

msg() { echo "[replica-loss $(date +%T)] $*" >&2; }

on_exit() {
  local status=$?
  msg "status $status, saving evidence"
  kubectl -n "$CHAOS_NS" get workflow "$WF" -o yaml > "$WORKDIR/workflow.yaml" 2>/dev/null || true
  kubectl -n "$CHAOS_NS" get workflownodes -l chaos-mesh.org/workflow="$WF" -o yaml > "$WORKDIR/nodes.yaml" 2>/dev/null || true
  kubectl -n "$CHAOS_NS" get pods -l chaos-mesh.org/workflow="$WF" -o yaml > "$WORKDIR/pods.yaml" 2>/dev/null || true
  kubectl -n "$CHAOS_NS" annotate workflow "$WF" workflow.chaos-mesh.org/abort=true --overwrite 2>/dev/null || true
  kubectl -n "$CHAOS_NS" delete workflow "$WF" --wait --timeout=3m 2>/dev/null || true
  kubectl -n "$CHAOS_NS" delete pods -l chaos-mesh.org/workflow="$WF" --wait=false 2>/dev/null || true
  for f in "$WORKDIR"/*.yaml; do
    aws s3 cp "$f" "s3://acme-chaos-reports/storage/$SCENARIO/$RUN_TAG/$(basename "$f")" --only-show-errors
  done
  exit $status
}
trap on_exit EXIT

git clone --quiet --depth 1 --branch "$SCENARIO_REF" https://github.com/acme-storage/chaos-scenarios.git "$WORKDIR/src"
envsubst "$ALLOWED" < "$WORKDIR/src/scenarios/$SCENARIO.yaml" > "$WORKDIR/rendered.yaml"
kubectl -n "$CHAOS_NS" apply -f "$WORKDIR/rendered.yaml"
msg "applied $WF"

T0=$SECONDS
warned=no
while :; do
  done_=$(kubectl -n "$CHAOS_NS" get workflow "$WF" -o jsonpath='{.status.conditions[?(@.type=="Accomplished")].status}')
  [[ $done_ == True ]] && break
  if (( SECONDS - T0 > 60*60 )) && [[ $warned == no ]]; then
    msg "WARNING: $WF is past its 60m deadline"
    warned=yes
  fi
  if (( SECONDS - T0 > 90*60 )); then
    msg "giving up on $WF after 90 minutes"
    exit 3
  fi
  sleep 20
done
msg "$WF finished"
