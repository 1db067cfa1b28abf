#!/bin/sh
# route hook (router.route): makes the policy file of the slot that gets 100% the one dbgate runs —
# backup, atomic replace, SIGHUP, wait for "[proxy] policy reloaded successfully" (dbgate-lib.sh). When
# dbgate refuses it or says nothing in time, the previous policy is restored and re-signalled, and the
# route fails: shipgate then routes back (this hook again, with the stable slot) and rolls back.
# dbgate loads one policy at a time, so a split (a canary's 90/10) is refused.
set -eu
. ./deploy/dbgate-lib.sh

for entry in $SHIPGATE_WEIGHTS; do
  case "$entry" in
    *=100) slot="${entry%=100}" ;;
    *=0) ;;
    *)
      echo "apply-policy.sh: dbgate loads one policy at a time; '$SHIPGATE_WEIGHTS' splits it (use strategy blue-green)" >&2
      exit 2
      ;;
  esac
done
apply_slot_policy
