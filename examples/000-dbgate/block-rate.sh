#!/bin/sh
# metric command (provider: command): the block rate dbgate's stats socket gives, as the metric's query
# asks — "delta over 30s" (the queries between two readings 30 s apart) or "cumulative" (dbgate's own
# block_rate since it started). Prints one number, or nothing when no query came in (no data).
# dbgate-stats.mjs holds the socket protocol; UDS_SOCKET_PATH names the socket.
set -eu
exec node ./deploy/dbgate-stats.mjs block-rate
