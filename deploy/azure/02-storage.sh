#!/usr/bin/env bash
# Step 2: an RA-GRS (or RA-GZRS) account in each region. The primary's savepoints replicate to its geo-secondary
# (read-access, "<account>-secondary"), which is where a failover finds them; the secondary's own account holds its
# checkpoints and the checkpoints the controller ships there.
set -euo pipefail
# shellcheck source=SCRIPTDIR/env.sh
source "$(dirname "$0")/env.sh"

for pair in "$PRIMARY_STORAGE:$PRIMARY_RG:$PRIMARY_LOCATION" "$SECONDARY_STORAGE:$SECONDARY_RG:$SECONDARY_LOCATION"; do
  IFS=: read -r account rg location <<< "$pair"
  az storage account create --name "$account" --resource-group "$rg" --location "$location" --sku "$STORAGE_SKU" \
    --kind StorageV2 --min-tls-version TLS1_2 --allow-blob-public-access false
  key=$(az storage account keys list --account-name "$account" --resource-group "$rg" --query "[0].value" --output tsv)
  az storage container create --account-name "$account" --name "$CONTAINER" --account-key "$key"
  # A SAS for the controller's topology (read, add, create, write, delete, list on the container), valid a year.
  # The same SAS reads the geo-secondary endpoint. Owner-only file: it is a credential.
  umask 077
  az storage container generate-sas --account-name "$account" --name "$CONTAINER" --account-key "$key" \
    --permissions racwdl --expiry "$(date -u -d '+1 year' +%Y-%m-%dT%H:%MZ)" --https-only --output tsv > "$account.sas"
  # Flink reaches the account by its key, as a Flink property from a Secret (step 6), never in a manifest.
  printf 'fs.azure.account.key.%s.blob.core.windows.net: %s\n' "$account" "$key" >> flink-properties.txt
done
az storage account show --name "$PRIMARY_STORAGE" --query "{sku:sku.name, secondary:secondaryLocation}" --output table
