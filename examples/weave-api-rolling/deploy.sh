#!/bin/sh
# deploy hook (target.deploy) of Weave API on Docker Swarm: runbook 004 §1.3 (수동 배포) and §2.3
# (특정 버전으로 롤백), one batch at a time. Each instance of the batch ($SHIPGATE_INSTANCES, host:port)
# is its own Swarm service, weave_api-<port>; its image becomes $SHIPGATE_VERSION.
#
# shipgate also runs this hook to roll a batch back: then SHIPGATE_VERSION is the previous version (and
# equals SHIPGATE_PREVIOUS_VERSION). Naming the image is exact, where `docker service rollback` returns
# to whatever the spec was before the last change, which is not the previous version after a
# `docker service update --force` restart (runbook 4.1) or a scale.
#
# Values come only from SHIPGATE_* variables; the version is passed as one argument, never spliced into
# a command string. The runner must be on a Swarm manager and logged in to ECR (see workflow.yml).
set -eu

registry=123456789012.dkr.ecr.ap-northeast-2.amazonaws.com    # the runbook's ECR_REGISTRY
case "$SHIPGATE_ENVIRONMENT" in
  production) repository=weave-api/prod ;;
  staging) repository=weave-api/staging ;;
  *)
    echo "deploy.sh: no ECR repository for environment '$SHIPGATE_ENVIRONMENT'" >&2
    exit 2
    ;;
esac
image="$registry/$repository:$SHIPGATE_VERSION"

for instance in $SHIPGATE_INSTANCES; do
  service="weave_api-${instance##*:}"
  echo "deploy.sh: $service ($instance) → $image"
  # --detach=false waits until Swarm has replaced the task (or given up). The stack sets
  # update_config.order: stop-first, because a host-mode port cannot be bound by the old and the new
  # task at once, and failure_action: rollback, so a task that crash-loops is reverted by Swarm itself.
  docker service update --detach=false --with-registry-auth --image "$image" "$service"

  # Swarm's verdict, not only the command's exit code: a rolled-back or paused update must fail here.
  state="$(docker service inspect --format '{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}' "$service")"
  current="$(docker service inspect --format '{{.Spec.TaskTemplate.ContainerSpec.Image}}' "$service")"
  case "$state" in
    updating | paused | rollback_started | rollback_paused)
      echo "deploy.sh: $service update is $state; see docker service ps --no-trunc $service" >&2
      exit 1
      ;;
  esac
  case "$current" in
    "$image" | "$image"@*) ;;
    *)
      echo "deploy.sh: $service runs $current, not $image (Swarm rolled the update back: docker service ps --no-trunc $service)" >&2
      exit 1
      ;;
  esac
done
