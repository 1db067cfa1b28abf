#!/bin/sh
# route hook (router kind: command): records the weights; a real one would call a load balancer's API.
set -eu
dir="${SHIPGATE_DEMO_DIR:-.shipgate/demo}"
mkdir -p "$dir"
printf '%s\n' "$SHIPGATE_WEIGHTS" >"$dir/weights"
echo "routed: $SHIPGATE_WEIGHTS"
