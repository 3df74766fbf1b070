#!/usr/bin/env bash
# Step 6: the secrets (as files in Kubernetes Secrets, never in a manifest or a program argument), then the overlays:
# the job in the primary's cluster, the warm standby and the controller in the secondary's.
set -euo pipefail
# shellcheck source=SCRIPTDIR/env.sh
source "$(dirname "$0")/env.sh"
root="$(cd "$(dirname "$0")/../.." && pwd)"
# topology.json: deploy/examples/azure/topology-geo-dr.json with your names, the SAS of step 2 appended to every storage
# URI ("?<sas>") and the connection strings of step 1 (alias.connectionString, each region's eventHubsConnectionString).
test -s topology.json || { echo "06-deploy: write topology.json first (docs/azure.md, step 6)" >&2; exit 2; }

for cluster in "$PRIMARY_AKS" "$SECONDARY_AKS"; do
  kubectl --context "$cluster" apply -f "$root/deploy/kubernetes/base/namespace.yaml"
  kubectl --context "$cluster" --namespace "$K8S_NAMESPACE" create secret generic fgf-eventhubs \
    --from-file=connection-string=alias-connection-string.txt --dry-run=client --output yaml | kubectl --context "$cluster" apply -f -
  kubectl --context "$cluster" --namespace "$K8S_NAMESPACE" create secret generic fgf-storage \
    --from-file=flink-properties=flink-properties.txt --dry-run=client --output yaml | kubectl --context "$cluster" apply -f -
done
kubectl --context "$SECONDARY_AKS" --namespace "$K8S_NAMESPACE" create secret generic fgf-topology \
  --from-file=topology.json=topology.json --dry-run=client --output yaml | kubectl --context "$SECONDARY_AKS" apply -f -

kubectl --context "$PRIMARY_AKS" apply -k "$root/deploy/kubernetes/overlays/primary"
kubectl --context "$SECONDARY_AKS" apply -k "$root/deploy/kubernetes/overlays/secondary"
kubectl --context "$PRIMARY_AKS" --namespace "$K8S_NAMESPACE" wait flinkdeployment/fgf-telemetry \
  --for=jsonpath='{.status.jobStatus.state}'=RUNNING --timeout=10m
kubectl --context "$SECONDARY_AKS" --namespace "$K8S_NAMESPACE" rollout status deployment/fgf-controller --timeout=5m
