#!/bin/sh
# retire hook (target.retire) of the DWP backend, and the first half of start.sh: stops the service's
# JVM. SIGTERM lets Spring finish in-flight requests (server.shutdown=graceful); after 30 s it is killed.
# Safe to run twice: no pid file, or a pid that is no longer this service's JVM, is nothing to stop.
set -eu
home="${SHIPGATE_DWP_HOME:-/opt/dwp}"
pidfile="$home/run/$SHIPGATE_SERVICE.pid"
if [ ! -f "$pidfile" ]; then
  echo "stop.sh: $SHIPGATE_SERVICE is not running (no $pidfile)"
  exit 0
fi
pid=$(cat "$pidfile")
# Whether the process still runs: an exited JVM is gone, or a zombie until its parent reaps it.
running() {
  [ -r "/proc/$pid/stat" ] && [ "$(sed 's/.*) //' "/proc/$pid/stat" | cut -d' ' -f1)" != Z ]
}
# Only a process started from this service's releases/ (the pid may have been reused since a reboot).
if ! running || ! tr '\000' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$home/releases/"; then
  echo "stop.sh: pid $pid in $pidfile no longer runs a DWP JVM; nothing to stop"
  rm -f "$pidfile"
  exit 0
fi
kill "$pid" 2>/dev/null || true
waited=0
while running; do
  if [ "$waited" -ge 300 ]; then
    echo "stop.sh: pid $pid still runs 30 s after SIGTERM; killing it" >&2
    kill -9 "$pid" 2>/dev/null || true
    break
  fi
  sleep 0.1
  waited=$((waited + 1))
done
rm -f "$pidfile"
echo "stop.sh: $SHIPGATE_SERVICE stopped (pid $pid)"
