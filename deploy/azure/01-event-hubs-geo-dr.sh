#!/usr/bin/env bash
# Step 1: two Event Hubs namespaces (Standard or higher) paired by a Geo-DR alias. Hubs and consumer groups are created
# in the primary only: the pairing replicates metadata (not events) to the secondary.
set -euo pipefail
# shellcheck source=SCRIPTDIR/env.sh
source "$(dirname "$0")/env.sh"
az account set --subscription "$SUBSCRIPTION_ID"

az group create --name "$PRIMARY_RG" --location "$PRIMARY_LOCATION"
az group create --name "$SECONDARY_RG" --location "$SECONDARY_LOCATION"
az eventhubs namespace create --resource-group "$PRIMARY_RG" --name "$PRIMARY_NS" --location "$PRIMARY_LOCATION" \
  --sku Standard --zone-redundant true
az eventhubs namespace create --resource-group "$SECONDARY_RG" --name "$SECONDARY_NS" --location "$SECONDARY_LOCATION" \
  --sku Standard --zone-redundant true

# The SAS rule fgf-job serves the job and the controller's Kafka clients (drain, failback); the alias serves it from
# either region.
create_hubs "$PRIMARY_RG" "$PRIMARY_NS"

secondary_id=$(az eventhubs namespace show --resource-group "$SECONDARY_RG" --name "$SECONDARY_NS" --query id --output tsv)
az eventhubs georecovery-alias set --resource-group "$PRIMARY_RG" --namespace-name "$PRIMARY_NS" --alias "$ALIAS" \
  --partner-namespace "$secondary_id"
az eventhubs georecovery-alias show --resource-group "$PRIMARY_RG" --namespace-name "$PRIMARY_NS" --alias "$ALIAS" \
  --query provisioningState --output tsv

# The alias' connection string (for the job) and each namespace's own (for the controller's topology), into files that
# step 6 turns into Kubernetes Secrets. Owner-only: they are keys.
umask 077
az eventhubs georecovery-alias authorization-rule keys list --resource-group "$PRIMARY_RG" --namespace-name "$PRIMARY_NS" \
  --alias "$ALIAS" --name fgf-job --query aliasPrimaryConnectionString --output tsv > alias-connection-string.txt
az eventhubs namespace authorization-rule keys list --resource-group "$PRIMARY_RG" --namespace-name "$PRIMARY_NS" \
  --name fgf-job --query primaryConnectionString --output tsv > primary-connection-string.txt
