#!/usr/bin/env bash
# Names and places for docs/azure.md, sourced by every step (with the one helper steps share). Change them here, once.
# shellcheck disable=SC2034  # each step uses its own subset
SUBSCRIPTION_ID="00000000-0000-0000-0000-000000000000"
PRIMARY_LOCATION="westeurope"
SECONDARY_LOCATION="northeurope"
PRIMARY_RG="fgf-weu"
SECONDARY_RG="fgf-neu"
# Event Hubs, Geo-DR: one namespace per region and the alias that producers and the job use.
PRIMARY_NS="fgf-ehns-weu"
SECONDARY_NS="fgf-ehns-neu"
ALIAS="fgf-telemetry"
# Event Hubs, Geo-Replication (the alternative): one namespace with a replica in each region.
GEOREP_RG="fgf"
GEOREP_NS="fgf-ehns"
HUBS=("telemetry" "telemetry-aggregates" "telemetry-dead-letter" "telemetry-late")
PARTITIONS=4
CONSUMER_GROUP="fgf-telemetry"
# Storage: an RA-GRS account per region (its geo-secondary is where savepoints replicate to) and a container for Flink.
PRIMARY_STORAGE="fgfstweu"
SECONDARY_STORAGE="fgfstneu"
CONTAINER="flink"
STORAGE_SKU="Standard_RAGRS"   # or Standard_RAGZRS
# Compute: a container registry, one AKS cluster per region, the controller's identity.
ACR="fgfacr"
PRIMARY_AKS="fgf-aks-weu"
SECONDARY_AKS="fgf-aks-neu"
K8S_NAMESPACE="fgf"
CONTROLLER_IDENTITY="fgf-controller"
OPERATOR_VERSION="1.10.0"
IMAGE_TAG="0.1.0"

# The hubs, the job's consumer group and the SAS rule fgf-job (Listen, Send) in a namespace: step 1, either pairing.
create_hubs() {
  local rg="$1" ns="$2" hub
  for hub in "${HUBS[@]}"; do
    az eventhubs eventhub create --resource-group "$rg" --namespace-name "$ns" --name "$hub" \
      --partition-count "$PARTITIONS" --retention-time 24 --cleanup-policy Delete
  done
  az eventhubs eventhub consumer-group create --resource-group "$rg" --namespace-name "$ns" \
    --eventhub-name telemetry --name "$CONSUMER_GROUP"
  az eventhubs namespace authorization-rule create --resource-group "$rg" --namespace-name "$ns" \
    --name fgf-job --rights Listen Send
}
