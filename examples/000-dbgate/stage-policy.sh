#!/bin/sh
# deploy hook (target.deploy): stages the candidate policy of $SHIPGATE_VERSION as the slot's policy file,
# $POLICY_PATH.$SHIPGATE_SLOT. dbgate does not see it yet: apply-policy.sh (the route) makes it live.
# The candidate is the checkout's DBGATE_POLICY_SOURCE (config/policy.yaml): the workflow checks out the
# version being deployed. Safe to run twice: it rewrites the same file.
set -eu
. ./deploy/dbgate-lib.sh

slot="$SHIPGATE_SLOT"
stage_slot_policy
