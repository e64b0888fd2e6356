#!/usr/bin/env bash
# Submits a nabla command to Kubernetes; the image must hold Spark 4.1 and the Nabla jar (app.jar=local:///...).
# Usage: submit-k8s.sh [--dry-run] --config FILE -- <nabla command and options>
# Keys of FILE (see conf/cluster-k8s.properties): master (k8s://https://host:port), deploy.mode (cluster),
#   container.image, namespace, service.account, app.jar, executor.instances, executor.cores, executor.memory,
#   driver.memory; optional app.name and spark.* keys.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/submit-common.sh"

submit_parse "$@"
submit_require container.image namespace service.account app.jar
submit_common spark-submit
SUBMIT+=(--conf "spark.executor.instances=$(conf_get executor.instances)"
  --conf "spark.kubernetes.container.image=$(conf_get container.image)"
  --conf "spark.kubernetes.namespace=$(conf_get namespace)"
  --conf "spark.kubernetes.authenticate.driver.serviceAccountName=$(conf_get service.account)"
  --conf spark.kubernetes.driverEnv.OPENBLAS_NUM_THREADS=1)
submit_run
