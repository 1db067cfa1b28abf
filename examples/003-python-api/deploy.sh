#!/bin/sh
# deploy hook (target.deploy): starts API $SHIPGATE_VERSION in the slot $SHIPGATE_SLOT as its own compose
# project (api_blue, api_green), publishing the slot's port on loopback. Runbook 003's production start,
# `docker compose -f docker-compose.prod.yml up -d --build`, per slot and from a built image.
#
# Values come only from SHIPGATE_* variables; the version reaches compose as API_TAG in the environment.
# Migrations are not run here: both slots share the database, so run `alembic upgrade head` with
# backward-compatible (expand-only) migrations before the deploy, never `downgrade` in a rollback.
set -eu

root=/srv/api                        # holds docker-compose.slot.yml and .env.prod (POSTGRES_PASSWORD, API_KEY, JWT_SECRET)
project="api_$SHIPGATE_SLOT"

case "$SHIPGATE_ADDRESSES" in
  *" "*)
    echo "deploy.sh: slot $SHIPGATE_SLOT has several addresses ($SHIPGATE_ADDRESSES); expected one" >&2
    exit 2
    ;;
esac

export API_TAG="$SHIPGATE_VERSION"
export API_PORT="${SHIPGATE_ADDRESSES##*:}"

# Pull first: a missing tag, or a secret missing from .env.prod (the compose file's ${VAR:?}), fails here,
# before the slot's old container is touched.
docker compose --project-name "$project" --project-directory "$root" -f "$root/docker-compose.slot.yml" \
  --env-file "$root/.env.prod" pull api
docker compose --project-name "$project" --project-directory "$root" -f "$root/docker-compose.slot.yml" \
  --env-file "$root/.env.prod" up -d --force-recreate --remove-orphans api

echo "deploy.sh: api $SHIPGATE_VERSION started in $SHIPGATE_SLOT on $SHIPGATE_ADDRESSES"
