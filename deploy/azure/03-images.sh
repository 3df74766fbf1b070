#!/usr/bin/env bash
# Step 3: build the jars here, then the job's and the controller's images in the registry (no local Docker needed).
set -euo pipefail
# shellcheck source=SCRIPTDIR/env.sh
source "$(dirname "$0")/env.sh"
root="$(cd "$(dirname "$0")/../.." && pwd)"

(cd "$root" && mvn -B -q -DskipTests package)
az acr create --resource-group "$SECONDARY_RG" --name "$ACR" --sku Standard --location "$SECONDARY_LOCATION"
az acr build --registry "$ACR" --file "$root/deploy/docker/job.Dockerfile" --image "fgf-job:$IMAGE_TAG" "$root"
az acr build --registry "$ACR" --file "$root/deploy/docker/controller.Dockerfile" --image "fgf-controller:$IMAGE_TAG" "$root"
