#!/bin/sh
# retire hook of the local example: stops the demo app on every address of the slot.
set -eu
dir="${SHIPGATE_DEMO_DIR:-.shipgate/demo}"
for address in $SHIPGATE_ADDRESSES; do
  port="${address##*:}"
  if [ -f "$dir/$port.pid" ]; then
    kill "$(cat "$dir/$port.pid")" 2>/dev/null || true
    rm -f "$dir/$port.pid"
    echo "stopped $SHIPGATE_SLOT on $address"
  fi
done
