#!/bin/sh
# deploy hook (target.deploy) of Web Project: what `deploy-blue-green.sh --phase prepare` did for the
# backend (runbook 001 §2, step 2). Starts backend $SHIPGATE_VERSION in the slot $SHIPGATE_SLOT as its
# own compose project. shipgate only ever passes the idle slot, and gates it after this returns, so this
# script just starts the container; waiting for health is the gate's job.
#
# Values come only from SHIPGATE_* variables. The version reaches compose as BE_TAG in the environment,
# never inside a command string.
set -eu

root=/home/deploy/srv/web_project     # the runbook's ~/srv/web_project
compose_file="$root/application/docker-compose.backend-slot.yml"

# One address per slot (target.slots); the slot publishes its port on loopback.
case "$SHIPGATE_ADDRESSES" in
  *" "*)
    echo "deploy.sh: slot $SHIPGATE_SLOT has several addresses ($SHIPGATE_ADDRESSES); expected one" >&2
    exit 2
    ;;
esac
port="${SHIPGATE_ADDRESSES##*:}"
project="web_project_backend_$SHIPGATE_SLOT"

export BE_TAG="$SHIPGATE_VERSION"
export SLOT="$SHIPGATE_SLOT"
export BACKEND_PORT="$port"

# Pull first: a tag that does not exist fails here, before this slot's old container is touched.
docker compose --project-name "$project" --project-directory "$root" -f "$compose_file" \
  --env-file "$root/.env.server.prod" --env-file "$root/application/.env.application.prod" \
  pull backend

# --force-recreate: a slot re-prepared with the same tag still starts fresh.
docker compose --project-name "$project" --project-directory "$root" -f "$compose_file" \
  --env-file "$root/.env.server.prod" --env-file "$root/application/.env.application.prod" \
  up -d --force-recreate --remove-orphans backend

echo "deploy.sh: backend $SHIPGATE_VERSION started as backend-$SHIPGATE_SLOT on $SHIPGATE_ADDRESSES (previous: ${SHIPGATE_PREVIOUS_VERSION:-none})"
