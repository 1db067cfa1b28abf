#!/bin/sh
# deploy hook (target.deploy) of the DWP backend: the runbook's `./gradlew :<module>:bootRun` (서비스 기동
# 순서), for a release. Stops the service's running JVM (stop.sh: SIGTERM, Spring's graceful shutdown),
# then starts `java -jar <module>-$SHIPGATE_VERSION.jar` on the port of the instance shipgate passes
# ($SHIPGATE_INSTANCES, the runbook's port: 8080, 8001, 8081, 8082, 8083, 8084). It returns as soon as the
# JVM is launched: waiting for liveness and readiness is the gate's job. A rollback runs it again with the
# previous version.
#
# Values come only from SHIPGATE_* variables. What the service itself needs (필수 환경 변수: DB_*,
# JWT_SECRET, SERVICE_*_URL) is in env/<service>.env on the deploy host, `NAME=value` lines that only the
# deploy user can read; it is exported to the JVM here. The same file serves a deploy, a rollback and
# the CLI on the host. DB_NAME and SERVER_PORT are set here, per service.
set -eu

# The deploy host's layout: releases/<module>-<version>.jar (copied there by CI after ./gradlew build),
# env/<service>.env, run/<service>.pid, logs/<service>.log (the runbook's logs/*.log).
home="${SHIPGATE_DWP_HOME:-/opt/dwp}"

case "$SHIPGATE_SERVICE" in
  gateway) module=dwp-gateway db_name= ;;
  auth) module=dwp-auth-server db_name=dwp_auth ;;
  main) module=dwp-main-service db_name=dwp_main ;;
  mail) module=mail-service db_name=dwp_mail ;;
  chat) module=chat-service db_name=dwp_chat ;;
  approval) module=approval-service db_name=dwp_approval ;;
  *)
    echo "start.sh: unknown DWP service '$SHIPGATE_SERVICE'; expected gateway, auth, main, mail, chat or approval" >&2
    exit 2
    ;;
esac
case "$SHIPGATE_VERSION" in
  *[!A-Za-z0-9._-]* | .*)
    echo "start.sh: version '$SHIPGATE_VERSION' is not a jar version (letters, digits, . _ -)" >&2
    exit 2
    ;;
esac
# One process per service: one instance, host:port.
case "$SHIPGATE_INSTANCES" in
  *" "*)
    echo "start.sh: $SHIPGATE_SERVICE has several instances ($SHIPGATE_INSTANCES); expected one" >&2
    exit 2
    ;;
esac
jar="$home/releases/$module-$SHIPGATE_VERSION.jar"
if [ ! -f "$jar" ]; then
  # Checked before the running version is stopped: a missing artifact changes nothing.
  echo "start.sh: $jar does not exist (was $module $SHIPGATE_VERSION built and copied?)" >&2
  exit 1
fi
mkdir -p "$home/run" "$home/logs"

sh ./deploy/stop.sh

set -a # every NAME=value of the service's env file is exported to the JVM
. "$home/env/$SHIPGATE_SERVICE.env"
set +a
export SERVER_PORT="${SHIPGATE_INSTANCES##*:}"
if [ -n "$db_name" ]; then export DB_NAME="$db_name"; fi
nohup java -jar "$jar" >>"$home/logs/$SHIPGATE_SERVICE.log" 2>&1 </dev/null &
echo $! >"$home/run/$SHIPGATE_SERVICE.pid"
echo "start.sh: $module $SHIPGATE_VERSION started on port $SERVER_PORT (pid $!; previous: ${SHIPGATE_PREVIOUS_VERSION:-none})"
