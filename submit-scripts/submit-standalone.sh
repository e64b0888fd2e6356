#!/usr/bin/env bash
# Submits a nabla command to a Spark standalone cluster (e.g. the one cluster-up.sh starts).
# Usage: submit-standalone.sh [--dry-run] --config FILE -- <nabla command and options>
# Keys of FILE (see conf/cluster-standalone.properties): master (spark://host:port), deploy.mode (client|cluster),
#   executor.instances, executor.cores, executor.memory, driver.memory; optional app.jar, app.name, spark.* keys.
# Standalone has no executor count: it is asked for as executor.instances × executor.cores total cores.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/submit-common.sh"

submit_parse "$@"
submit_common any
instances="$(conf_get executor.instances)"
cores="$(conf_get executor.cores)"
SUBMIT+=(--total-executor-cores "$((instances * cores))")
submit_run
