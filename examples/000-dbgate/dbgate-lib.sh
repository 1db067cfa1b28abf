#!/bin/sh
# Sourced by the policy hooks (stage-policy.sh, apply-policy.sh, retire-policy.sh); shipgate never runs it
# by itself. It holds dbgate's paths and the one way a policy becomes live: back up the live file,
# replace it atomically (a temporary file in the same directory, then rename), SIGHUP to the pid in the
# pid file, and wait for dbgate's answer in its log after the signal. When dbgate does not confirm (its
# reload-failure line, or no line in time), the backup goes back the same way and is re-signalled.
#
# Settings are dbgate's own environment variables (runbook 000, 환경변수 기반 설정) and a few of this
# example's; set them in the runner's environment (workflow.yml) the way dbgate's host sets them:
#   POLICY_PATH            the policy file dbgate reads; an absolute path, outside the checkout (required)
#   LOG_PATH               dbgate's log file (runbook default /tmp/dbgate.log)
#   DBGATE_PIDFILE         a file holding dbgate's pid (required; README "What the hooks need on the host")
#   DBGATE_PROCESS_NAME    what /proc/<pid>/comm must say before the pid gets a signal (default dbgate)
#   DBGATE_RELOAD_TIMEOUT  whole seconds to wait for the reload line after SIGHUP (default 10)
#   DBGATE_RELOAD_OK       the success line (default: the runbook's "policy reloaded successfully")
#   DBGATE_RELOAD_FAILED   the failure line (default "policy reload failed"); any other outcome times out
#   DBGATE_POLICY_SOURCE   the candidate policy in the checkout (default config/policy.yaml)
set -eu

POLICY_PATH="${POLICY_PATH:?set POLICY_PATH to the policy file dbgate reads (an absolute path)}"
LOG_PATH="${LOG_PATH:-/tmp/dbgate.log}"
DBGATE_PIDFILE="${DBGATE_PIDFILE:?set DBGATE_PIDFILE to the file that holds the pid of dbgate}"
DBGATE_PROCESS_NAME="${DBGATE_PROCESS_NAME:-dbgate}"
DBGATE_RELOAD_TIMEOUT="${DBGATE_RELOAD_TIMEOUT:-10}"
DBGATE_RELOAD_OK="${DBGATE_RELOAD_OK:-policy reloaded successfully}"
DBGATE_RELOAD_FAILED="${DBGATE_RELOAD_FAILED:-policy reload failed}"
DBGATE_POLICY_SOURCE="${DBGATE_POLICY_SOURCE:-config/policy.yaml}"

case "$POLICY_PATH" in
  /*) ;;
  *) echo "policy: POLICY_PATH is '$POLICY_PATH'; expected an absolute path (dbgate and the hooks run in different directories)" >&2; exit 2 ;;
esac
case "$DBGATE_RELOAD_TIMEOUT" in
  '' | *[!0-9]*) echo "policy: DBGATE_RELOAD_TIMEOUT is '$DBGATE_RELOAD_TIMEOUT'; expected whole seconds" >&2; exit 2 ;;
esac

policy_dir="$(dirname "$POLICY_PATH")"
backup="$POLICY_PATH.bak"              # the live policy before the last replace
live_slot_file="$POLICY_PATH.live-slot" # the slot whose file dbgate confirmed it loaded last
tmp=""    # a temporary file being written, removed if the hook ends before renaming it
staged="" # the copy of the policy being installed
trap 'rm -f ${tmp:+"$tmp"} ${staged:+"$staged"}' EXIT

# Inputs of the functions below, set by the hook after it sources this file.
slot=""       # blue or green: which of the two policy files ($POLICY_PATH.blue, $POLICY_PATH.green)
new_policy="" # the file install_policy makes live
reload_error="" # why the last reload (or finding dbgate) failed
pid=""

check_slot() {
  case "$slot" in
    blue | green) ;;
    *) echo "policy: slot '$slot'; expected blue or green" >&2; exit 2 ;;
  esac
}

# Writes a copy of $new_policy next to POLICY_PATH and renames it over POLICY_PATH: dbgate never reads a
# half-written file.
replace_live_policy() {
  tmp="$policy_dir/.policy.$$.tmp"
  cp "$new_policy" "$tmp"
  mv -f "$tmp" "$POLICY_PATH"
  tmp=""
}

# The pid in DBGATE_PIDFILE, once it is a running dbgate: a stale pid file whose pid now belongs to
# another process (most of which SIGHUP would kill) is refused, never signalled. Sets pid, or reload_error.
dbgate_pid() {
  if [ ! -r "$DBGATE_PIDFILE" ]; then
    reload_error="cannot read the pid file $DBGATE_PIDFILE (is dbgate running?)"
    return 1
  fi
  pid="$(cat "$DBGATE_PIDFILE")"
  case "$pid" in
    '' | *[!0-9]*) reload_error="$DBGATE_PIDFILE holds '$pid', not a pid"; return 1 ;;
  esac
  if ! kill -0 "$pid" 2>/dev/null; then
    reload_error="no process $pid (from $DBGATE_PIDFILE): dbgate is not running"
    return 1
  fi
  if [ -r "/proc/$pid/comm" ]; then
    comm="$(cat "/proc/$pid/comm")"
    if [ "$comm" != "$DBGATE_PROCESS_NAME" ]; then
      reload_error="pid $pid (from $DBGATE_PIDFILE) is '$comm', not $DBGATE_PROCESS_NAME; refusing to signal it"
      return 1
    fi
  fi
}

# SIGHUP to dbgate, then dbgate's answer in LOG_PATH, read from where the log ended before the signal:
# 0 on the success line; 1 on the failure line, or on no line within DBGATE_RELOAD_TIMEOUT seconds, with
# the reason in reload_error.
reload_dbgate() {
  if ! dbgate_pid; then
    echo "policy: $reload_error"
    return 1
  fi
  offset=0
  if [ -f "$LOG_PATH" ]; then offset="$(wc -c <"$LOG_PATH" | tr -d ' ')"; fi
  kill -HUP "$pid"
  tries=$((DBGATE_RELOAD_TIMEOUT * 5))
  i=0
  while [ "$i" -le "$tries" ]; do
    size=0
    if [ -f "$LOG_PATH" ]; then size="$(wc -c <"$LOG_PATH" | tr -d ' ')"; fi
    if [ "$size" -lt "$offset" ]; then offset=0; fi # the log was rotated since the signal
    fresh="$(tail -c +"$((offset + 1))" "$LOG_PATH" 2>/dev/null || true)"
    line="$(printf '%s\n' "$fresh" | grep -F -- "$DBGATE_RELOAD_FAILED" | head -n 1 || true)"
    if [ -n "$line" ]; then
      reload_error="dbgate (pid $pid) refused it: $line"
      echo "policy: $reload_error"
      return 1
    fi
    line="$(printf '%s\n' "$fresh" | grep -F -- "$DBGATE_RELOAD_OK" | head -n 1 || true)"
    if [ -n "$line" ]; then
      echo "policy: dbgate (pid $pid): $line"
      return 0
    fi
    i=$((i + 1))
    if [ "$i" -le "$tries" ]; then sleep 0.2; fi # GNU coreutils and busybox sleep take fractions
  done
  reload_error="no '$DBGATE_RELOAD_OK' in $LOG_PATH within ${DBGATE_RELOAD_TIMEOUT}s of SIGHUP to dbgate (pid $pid)"
  echo "policy: $reload_error"
  return 1
}

# Makes $new_policy the live policy and has dbgate load it. When dbgate does not confirm, the previous
# policy goes back and is re-signalled (and its reload line awaited); the function then fails either way.
install_policy() {
  if [ ! -s "$new_policy" ]; then
    echo "policy: $new_policy is missing or empty; nothing changed" >&2
    return 1
  fi
  if ! dbgate_pid; then
    echo "policy: $reload_error; nothing changed" >&2
    return 1
  fi
  staged="$policy_dir/.policy.$$.new"
  cp "$new_policy" "$staged" # first: $new_policy may be the backup itself
  if [ -f "$POLICY_PATH" ]; then
    cp "$POLICY_PATH" "$backup.tmp"
    mv -f "$backup.tmp" "$backup"
  fi
  new_policy="$staged"
  replace_live_policy
  rm -f "$staged"
  staged=""
  echo "policy: $POLICY_PATH replaced (previous kept as $backup); SIGHUP to dbgate"
  if reload_dbgate; then return 0; fi
  refused="$reload_error"
  if [ ! -f "$backup" ]; then
    echo "policy: $refused; there is no previous policy to restore" >&2
    return 1
  fi
  echo "policy: restoring the previous policy from $backup and signalling dbgate again"
  new_policy="$backup"
  replace_live_policy
  # The last line is what shipgate reports as the hook's failure: say both what failed and where it stands.
  if reload_dbgate; then
    echo "policy: $refused; the previous policy is restored and live again" >&2
  else
    echo "policy: $refused; the previous policy is restored in $POLICY_PATH, but dbgate did not confirm it ($reload_error): check dbgate now" >&2
  fi
  return 1
}

mark_live_slot() {
  printf '%s\n' "$slot" >"$live_slot_file.tmp"
  mv -f "$live_slot_file.tmp" "$live_slot_file"
}

# stage-policy.sh: the checkout's candidate becomes $POLICY_PATH.$slot, labelled with its version.
stage_slot_policy() {
  check_slot
  if [ ! -s "$DBGATE_POLICY_SOURCE" ]; then
    echo "policy: no candidate policy at $DBGATE_POLICY_SOURCE (in $(pwd)); check out the version to deploy" >&2
    return 1
  fi
  target="$POLICY_PATH.$slot"
  cp "$DBGATE_POLICY_SOURCE" "$target.tmp"
  mv -f "$target.tmp" "$target"
  printf '%s\n' "$SHIPGATE_VERSION" >"$target.version"
  echo "policy: $SHIPGATE_VERSION staged as $target ($(wc -c <"$target" | tr -d ' ') bytes, cksum $(cksum <"$target" | cut -d ' ' -f 1)); dbgate still runs ${SHIPGATE_PREVIOUS_VERSION:-the policy from before shipgate}"
}

# apply-policy.sh: $POLICY_PATH.$slot becomes the live policy, confirmed by dbgate.
apply_slot_policy() {
  check_slot
  new_policy="$POLICY_PATH.$slot"
  echo "policy: $slot holds $(cat "$new_policy.version" 2>/dev/null || echo 'an unlabelled policy') ($new_policy)"
  install_policy
  mark_live_slot
}

# retire-policy.sh: a slot that is not live is left on disk; the live one gives way to the backup.
retire_slot_policy() {
  check_slot
  live="$(cat "$live_slot_file" 2>/dev/null || true)"
  if [ "$live" != "$slot" ]; then
    echo "policy: $slot ($SHIPGATE_VERSION) is not the live policy; $POLICY_PATH.$slot stays on disk"
    return 0
  fi
  echo "policy: $slot ($SHIPGATE_VERSION) is the live policy; putting back the one from before it"
  new_policy="$backup"
  install_policy
  rm -f "$live_slot_file"
}
