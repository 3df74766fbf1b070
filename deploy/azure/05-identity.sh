#!/usr/bin/env bash
# Step 5: the controller's identity, federated with its ServiceAccount in the secondary's AKS, holding exactly one
# custom role (controller-role.json) on each namespace. Event Hubs data and storage are reached with the SAS in the
# topology (a mounted Secret), so the identity holds no data-plane role.
set -euo pipefail
# shellcheck source=SCRIPTDIR/env.sh
source "$(dirname "$0")/env.sh"

az identity create --resource-group "$SECONDARY_RG" --name "$CONTROLLER_IDENTITY" --location "$SECONDARY_LOCATION"
client_id=$(az identity show --resource-group "$SECONDARY_RG" --name "$CONTROLLER_IDENTITY" --query clientId --output tsv)
principal_id=$(az identity show --resource-group "$SECONDARY_RG" --name "$CONTROLLER_IDENTITY" --query principalId --output tsv)
issuer=$(az aks show --resource-group "$SECONDARY_RG" --name "$SECONDARY_AKS" --query oidcIssuerProfile.issuerUrl --output tsv)
az identity federated-credential create --resource-group "$SECONDARY_RG" --identity-name "$CONTROLLER_IDENTITY" \
  --name fgf-controller --issuer "$issuer" --subject "system:serviceaccount:$K8S_NAMESPACE:fgf-controller" \
  --audiences api://AzureADTokenExchange

sed "s/00000000-0000-0000-0000-000000000000/$SUBSCRIPTION_ID/g" "$(dirname "$0")/controller-role.json" > controller-role.json
az role definition create --role-definition @controller-role.json
for scope in \
  "$(az eventhubs namespace show --resource-group "$PRIMARY_RG" --name "$PRIMARY_NS" --query id --output tsv)" \
  "$(az eventhubs namespace show --resource-group "$SECONDARY_RG" --name "$SECONDARY_NS" --query id --output tsv)"; do
  az role assignment create --assignee-object-id "$principal_id" --assignee-principal-type ServicePrincipal \
    --role "fgf failover controller" --scope "$scope"
done
echo "Put this client id into deploy/kubernetes/overlays/secondary/controller-serviceaccount.yaml: $client_id"
