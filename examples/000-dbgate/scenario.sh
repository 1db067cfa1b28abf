#!/bin/sh
# after-rollback hook: runbook 000 절차 3, 검증 — "정상 쿼리/차단 쿼리 시나리오 재실행". Once a rollback put
# the previous policy back, every query of the scenario file goes through dbgate's proxy port with the
# mysql client: an `allow` query must run, a `block` query must be refused by the policy. Any other
# outcome fails the hook, and with it the deploy's recovery verification (result: failed).
#
#   DBGATE_SCENARIO        the scenario file (default ./deploy/scenario.txt): "allow <query>" / "block <query>"
#   PROXY_LISTEN_PORT      dbgate's proxy port (runbook default 13306); the host is the slot's address
#   DBGATE_MYSQL_DEFAULTS  an option file with the scenario user's credentials (mysql --defaults-extra-file)
#   DBGATE_BLOCKED_TEXT    what the client's error says for a blocked query (default "blocked")
set -eu

DBGATE_SCENARIO="${DBGATE_SCENARIO:-./deploy/scenario.txt}"
PROXY_LISTEN_PORT="${PROXY_LISTEN_PORT:-13306}"
DBGATE_MYSQL_DEFAULTS="${DBGATE_MYSQL_DEFAULTS:-}"
DBGATE_BLOCKED_TEXT="${DBGATE_BLOCKED_TEXT:-blocked}"

address="${SHIPGATE_ADDRESSES%% *}"
host="${address%:*}"
host="${host#[}"
host="${host%]}"

# Runs $query; sets status (the client's exit code) and out (what it printed). stdin is /dev/null: the
# loop below reads the scenario file on it.
run_query() {
  if [ -n "$DBGATE_MYSQL_DEFAULTS" ]; then
    out="$(mysql --defaults-extra-file="$DBGATE_MYSQL_DEFAULTS" --batch --host "$host" --port "$PROXY_LISTEN_PORT" --execute "$query" </dev/null 2>&1)" && status=0 || status=$?
  else
    out="$(mysql --batch --host "$host" --port "$PROXY_LISTEN_PORT" --execute "$query" </dev/null 2>&1)" && status=0 || status=$?
  fi
}

line=""
total=0
wrong=0
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in '' | '#'*) continue ;; esac
  expect="${line%% *}"
  query="${line#* }"
  case "$expect" in
    allow | block) ;;
    *) echo "scenario.sh: $DBGATE_SCENARIO: '$line'; expected 'allow <query>' or 'block <query>'" >&2; exit 2 ;;
  esac
  run_query
  if [ "$status" -eq 0 ]; then
    got=allow
  elif printf '%s' "$out" | grep -qiF -- "$DBGATE_BLOCKED_TEXT"; then
    got=block
  else
    got="error: $(printf '%s' "$out" | tail -n 1)"
  fi
  total=$((total + 1))
  if [ "$got" = "$expect" ]; then
    echo "scenario: $expect  $query  ✓"
  else
    wrong=$((wrong + 1))
    echo "scenario: $expect  $query  ✗ ($got)"
  fi
done <"$DBGATE_SCENARIO"

if [ "$total" -eq 0 ]; then
  echo "scenario.sh: $DBGATE_SCENARIO has no queries" >&2
  exit 2
fi
if [ "$wrong" -gt 0 ]; then
  echo "scenario.sh: $wrong of $total scenario queries did not behave as expected on $host:$PROXY_LISTEN_PORT with $SHIPGATE_VERSION" >&2
  exit 1
fi
echo "scenario.sh: all $total scenario queries behaved as expected on $host:$PROXY_LISTEN_PORT with $SHIPGATE_VERSION"
