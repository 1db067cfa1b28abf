#!/bin/sh
# `docker` for the e2e test of examples/003-python-api, first on the hooks' PATH: stands in for exactly
# the three commands the example's deploy.sh and retire.sh run, per slot project (api_blue, api_green):
#
#   docker compose --project-name P --project-directory D -f F pull api
#   docker compose ... up -d --force-recreate --remove-orphans api
#   docker compose ... down --timeout 30 --remove-orphans
#
# An "image" is a file $STANDIN_DIR/images/<tag> of API_* settings for the stand-in API
# (examples-003-python-api-stand-in.mjs): `pull` fails for a tag that has none, as a registry does.
# `up` replaces the project's process with the stand-in of $API_TAG on 127.0.0.1:$API_PORT; `down`
# stops it. The compose file's ${API_TAG:?} and ${API_PORT:?} are required here too.
set -eu
dir="${STANDIN_DIR:?}"
if [ "${1:-}" != compose ]; then
  echo "docker (stand-in): only 'docker compose' is stood in; got '${1:-}'" >&2
  exit 125
fi
shift
project=""
command=""
while [ $# -gt 0 ]; do
  case "$1" in
    --project-name) project="$2"; shift 2 ;;
    --project-directory | -f | --env-file) shift 2 ;;
    pull | up | down) command="$1"; shift; break ;;
    *) echo "docker (stand-in): unexpected argument '$1'" >&2; exit 125 ;;
  esac
done
: "${project:?docker (stand-in): --project-name is required}"
: "${API_TAG:?required variable API_TAG is missing a value}"
: "${API_PORT:?required variable API_PORT is missing a value}"
image="$dir/images/$API_TAG"
pidfile="$dir/$project.pid"

stop() {
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null || true
  i=0
  while [ $i -lt 100 ] && kill -0 "$pid" 2>/dev/null; do i=$((i + 1)); sleep 0.05; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

case "$command" in
  pull)
    if [ ! -f "$image" ]; then
      echo "Error response from daemon: manifest for ghcr.io/example/api:$API_TAG not found: manifest unknown" >&2
      exit 1
    fi
    echo "api Pulled ghcr.io/example/api:$API_TAG"
    ;;
  up)
    [ -f "$image" ] || { echo "pull access denied for ghcr.io/example/api:$API_TAG" >&2; exit 1; }
    stop
    (
      set -a
      . "$image"
      set +a
      API_VERSION="$API_TAG" API_SLOT="${project#api_}" PORT="$API_PORT" API_DEPENDENCIES="$dir/dependencies.json" \
        nohup "$STANDIN_NODE" "$STANDIN_SERVER" >>"$dir/$project.log" 2>&1 </dev/null &
      echo $! >"$pidfile"
    )
    echo "Container ${project}-api-1 Started"
    ;;
  down)
    stop
    echo "Container ${project}-api-1 Removed"
    ;;
  *)
    echo "docker (stand-in): expected pull, up or down" >&2
    exit 125
    ;;
esac
