#!/bin/sh
# deploy hook of the local example: starts $SHIPGATE_VERSION of the demo app on every address of the
# slot (blue-green, canary) or of the batch (rolling: the old process on that port is replaced).
# Values come only from SHIPGATE_* variables. A version containing "bad" starts with 30% of its
# requests failing with 500, one containing "sick" answers 503 on /health, and one containing "degrades"
# turns unhealthy 2 s after it starts: the demo's broken releases. One containing "degraded" is alive but
# answers 503 on /ready (runbook 003's degraded mode).
set -eu
dir="${SHIPGATE_DEMO_DIR:-.shipgate/demo}"
app="${SHIPGATE_DEMO_APP:?set SHIPGATE_DEMO_APP to the demo app (test/support/demo-app/server.mjs)}"
mkdir -p "$dir"
mode=healthy
degrade=no
case "$SHIPGATE_VERSION" in
  *bad*) mode=error ;;
  *sick*) mode=unhealthy ;;
  *degraded*) mode=degraded ;;
  *degrades*) degrade=yes ;;
esac
for address in $SHIPGATE_ADDRESSES; do
  port="${address##*:}"
  if [ -f "$dir/$port.pid" ]; then
    kill "$(cat "$dir/$port.pid")" 2>/dev/null || true
    rm -f "$dir/$port.pid"
    # wait (bounded) until the port is free again
    i=0; while [ $i -lt 50 ] && node -e "require('net').connect($port,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))" 2>/dev/null; do i=$((i+1)); sleep 0.1; done
  fi
  DEMO_MODE="$mode" DEMO_ERROR_RATE=0.3 nohup node "$app" --host 127.0.0.1 --port "$port" --version "$SHIPGATE_VERSION" --slot "${SHIPGATE_SLOT:-}" \
    >"$dir/$port.log" 2>&1 </dev/null &
  echo $! >"$dir/$port.pid"
  if [ "$degrade" = yes ]; then
    # healthy at first (it passes the gate before traffic), unhealthy 2 s later: a release that degrades mid-step
    (sleep 2; node -e "fetch('http://$address/control',{method:'POST',body:JSON.stringify({mode:'unhealthy'})}).catch(()=>{})") >/dev/null 2>&1 </dev/null &
  fi
  [ -n "${SHIPGATE_SLOT:-}" ] && printf '%s\n' "$address" >"$dir/slot-$SHIPGATE_SLOT.address"
  echo "started $SHIPGATE_VERSION on $address (pid $!, mode $mode)"
done
