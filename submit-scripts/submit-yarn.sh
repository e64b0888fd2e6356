#!/usr/bin/env bash
# Submits a nabla command to YARN (HADOOP_CONF_DIR or YARN_CONF_DIR must point at the cluster's configuration).
# Usage: submit-yarn.sh [--dry-run] --config FILE -- <nabla command and options>
# Keys of FILE (see conf/cluster-yarn.properties): master (yarn), deploy.mode (cluster|client), queue,
#   executor.instances, executor.cores, executor.memory, driver.memory; optional app.jar, app.name, spark.* keys.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/submit-common.sh"

submit_parse "$@"
submit_require queue
submit_common spark-submit
SUBMIT+=(--num-executors "$(conf_get executor.instances)" --queue "$(conf_get queue)"
  --conf spark.yarn.appMasterEnv.OPENBLAS_NUM_THREADS=1)
submit_run
