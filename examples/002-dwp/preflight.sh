#!/bin/sh
# preflight hook (hooks.preflight) of the DWP backend: the runbook's 배포 전 체크리스트 that a machine can
# check before anything changes — the release's jar exists (`./gradlew build` passed and CI copied it),
# and 필수 환경 변수 are set for this service in env/<service>.env (특히 SERVICE_*_URL, JWT_SECRET; 장애 시
# 4단계 환경 변수 확인). A failure here makes the deploy `aborted`: the running version is never touched.
#
# Values come only from SHIPGATE_* variables; the env file is read the way start.sh reads it, and its
# variables are only tested for being set (printenv, in a subshell), never printed.
set -eu
home="${SHIPGATE_DWP_HOME:-/opt/dwp}"
database="DB_HOST DB_PORT DB_USERNAME DB_PASSWORD"
case "$SHIPGATE_SERVICE" in
  gateway)
    module=dwp-gateway
    required="SERVICE_AUTH_URL SERVICE_MAIN_URL SERVICE_MAIL_URL SERVICE_CHAT_URL SERVICE_APPROVAL_URL AURA_PLATFORM_URI"
    ;;
  auth) module=dwp-auth-server required="$database JWT_SECRET" ;;
  main) module=dwp-main-service required="$database" ;;
  mail) module=mail-service required="$database" ;;
  chat) module=chat-service required="$database" ;;
  approval) module=approval-service required="$database" ;;
  *)
    echo "preflight.sh: unknown DWP service '$SHIPGATE_SERVICE'; expected gateway, auth, main, mail, chat or approval" >&2
    exit 2
    ;;
esac
case "$SHIPGATE_VERSION" in
  *[!A-Za-z0-9._-]* | .*)
    echo "preflight.sh: version '$SHIPGATE_VERSION' is not a jar version (letters, digits, . _ -)" >&2
    exit 1
    ;;
esac

envfile="$home/env/$SHIPGATE_SERVICE.env"
if [ ! -r "$envfile" ]; then
  echo "preflight.sh: $envfile is missing or unreadable (the service's 필수 환경 변수)" >&2
  exit 1
fi
# A subshell: the file's values never reach this script's environment or output.
(
  set -a
  . "$envfile"
  set +a
  missing=
  for name in $required; do
    if [ -z "$(printenv "$name" || true)" ]; then missing="$missing $name"; fi
  done
  if [ -n "$missing" ]; then
    echo "preflight.sh: $envfile does not set:$missing" >&2
    exit 1
  fi
  # 문제 3 (JWT signature verification failed): HS256 needs a key of at least 256 bits.
  if [ "$SHIPGATE_SERVICE" = auth ] && [ "$(printenv JWT_SECRET | tr -d '\n' | wc -c)" -lt 32 ]; then
    echo "preflight.sh: JWT_SECRET in $envfile is shorter than 32 bytes (HS256 needs 256 bits)" >&2
    exit 1
  fi
)

jar="$home/releases/$module-$SHIPGATE_VERSION.jar"
if [ ! -f "$jar" ]; then
  echo "preflight.sh: $jar does not exist (was $module $SHIPGATE_VERSION built and copied?)" >&2
  exit 1
fi
echo "preflight.sh: $module $SHIPGATE_VERSION: artifact present, environment set"
