#!/usr/bin/env bash
# Step 1, the alternative: one Geo-Replication namespace (Premium or Dedicated) with a replica in each region. Events
# and consumer offsets are replicated too, so a failover loses only what replication had not copied (README, "Geo-DR or
# Geo-Replication"). Use deploy/examples/azure/topology-geo-replication.json with it.
set -euo pipefail
# shellcheck source=SCRIPTDIR/env.sh
source "$(dirname "$0")/env.sh"
az account set --subscription "$SUBSCRIPTION_ID"

az group create --name "$GEOREP_RG" --location "$PRIMARY_LOCATION"
az eventhubs namespace create --resource-group "$GEOREP_RG" --name "$GEOREP_NS" --location "$PRIMARY_LOCATION" \
  --sku Premium --zone-redundant true
az eventhubs namespace replica add --resource-group "$GEOREP_RG" --namespace-name "$GEOREP_NS" \
  --geo-data-replication-config role-type=Secondary location-name="$SECONDARY_LOCATION"

create_hubs "$GEOREP_RG" "$GEOREP_NS"

umask 077
az eventhubs namespace authorization-rule keys list --resource-group "$GEOREP_RG" --namespace-name "$GEOREP_NS" \
  --name fgf-job --query primaryConnectionString --output tsv > alias-connection-string.txt
