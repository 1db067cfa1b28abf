#!/bin/sh
# metric command (provider: command) of the local example: the share of 5xx answers the slot's demo
# app has given since it started, read from its /metrics. A real setup would ask Prometheus; the demo
# has none, and a fresh canary's lifetime ratio is its current error rate. Prints one number.
set -eu
dir="${SHIPGATE_DEMO_DIR:-.shipgate/demo}"
address="$(cat "$dir/slot-${SHIPGATE_SLOT:?}.address")"
node -e '
  fetch(`http://${process.argv[1]}/metrics`).then((r) => r.text()).then((text) => {
    let total = 0, errors = 0;
    for (const line of text.split("\n")) {
      const m = /^http_requests_total\{([^}]*)\} (\S+)$/.exec(line);
      if (!m) continue;
      const n = Number(m[2]);
      total += n;
      if (/code="5\d\d"/.test(m[1])) errors += n;
    }
    console.log(total === 0 ? "" : String(errors / total));
  }).catch((e) => { console.error(e.message); process.exit(1); });
' "$address"
