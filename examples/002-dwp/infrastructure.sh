#!/bin/sh
# 1. 필수 인프라 기동: the runbook's `docker-compose up -d postgres` and `docker-compose up -d redis`, run
# by the release workflow's first job. `--wait` returns only once both containers report healthy (their
# healthchecks in docker-compose.yml: pg_isready, redis-cli ping), so the gateway is never started against
# a database that is still starting; a container that does not become healthy fails the job, and the
# release stops before any service is touched. Running services are left as they are (safe to run twice).
set -eu
docker compose -f deploy/docker-compose.yml up -d --wait postgres redis
