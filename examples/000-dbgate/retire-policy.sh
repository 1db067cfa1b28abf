#!/bin/sh
# retire hook (target.retire): nothing runs per slot, so retiring a slot stops nothing; its policy file
# stays on disk. One case does something: the slot holds the policy dbgate runs — a first deploy that
# failed its gate, with no earlier slot to route back to. Then the policy from before that deploy (the
# backup apply-policy.sh kept) goes back, re-signalled and confirmed, as on any other rollback.
set -eu
. ./deploy/dbgate-lib.sh

slot="$SHIPGATE_SLOT"
retire_slot_policy
