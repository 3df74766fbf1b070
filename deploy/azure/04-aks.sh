#!/usr/bin/env bash
# Step 4: an AKS cluster in each region, with the OIDC issuer and workload identity on, pulling from the registry, and
# the Flink Kubernetes Operator watching the namespace "fgf".
set -euo pipefail
# shellcheck source=SCRIPTDIR/env.sh
source "$(dirname "$0")/env.sh"

for pair in "$PRIMARY_AKS:$PRIMARY_RG:$PRIMARY_LOCATION" "$SECONDARY_AKS:$SECONDARY_RG:$SECONDARY_LOCATION"; do
  IFS=: read -r cluster rg location <<< "$pair"
  az aks create --resource-group "$rg" --name "$cluster" --location "$location" --node-count 3 \
    --node-vm-size Standard_D4s_v5 --zones 1 2 3 --enable-oidc-issuer --enable-workload-identity \
    --attach-acr "$ACR" --generate-ssh-keys
  az aks get-credentials --resource-group "$rg" --name "$cluster" --context "$cluster" --overwrite-existing
  helm repo add flink-operator-repo "https://downloads.apache.org/flink/flink-kubernetes-operator-$OPERATOR_VERSION/"
  helm upgrade --install flink-kubernetes-operator flink-operator-repo/flink-kubernetes-operator \
    --kube-context "$cluster" --namespace flink-operator --create-namespace \
    --version "$OPERATOR_VERSION" --set webhook.create=false --set "watchNamespaces={$K8S_NAMESPACE}"
done
