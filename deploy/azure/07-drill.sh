#!/usr/bin/env bash
# Step 7: a planned drill against the real deployment, from the secondary's cluster with the controller's identity.
# watch is scaled to zero meanwhile (the lease would refuse a second controller anyway), and back afterwards.
set -euo pipefail
# shellcheck source=SCRIPTDIR/env.sh
source "$(dirname "$0")/env.sh"
root="$(cd "$(dirname "$0")/../.." && pwd)"

kubectl --context "$SECONDARY_AKS" --namespace "$K8S_NAMESPACE" scale deployment/fgf-controller --replicas=0
kubectl --context "$SECONDARY_AKS" --namespace "$K8S_NAMESPACE" delete job fgf-drill --ignore-not-found
kubectl --context "$SECONDARY_AKS" --namespace "$K8S_NAMESPACE" create -f "$root/deploy/kubernetes/drill/drill-job.yaml"
kubectl --context "$SECONDARY_AKS" --namespace "$K8S_NAMESPACE" wait job/fgf-drill --for=condition=complete --timeout=30m
kubectl --context "$SECONDARY_AKS" --namespace "$K8S_NAMESPACE" logs job/fgf-drill
kubectl --context "$SECONDARY_AKS" --namespace "$K8S_NAMESPACE" scale deployment/fgf-controller --replicas=1
