#!/usr/bin/env bash
# Starts a Spark standalone cluster on 127.0.0.1: one master and WORKERS workers (default 2), each its own JVM.
# Usage: cluster-up.sh [WORKERS]
# Environment (defaults in brackets):
#   SPARK_HOME                  Spark distribution [target/spark-home, assembled by `mvn package`]
#   NABLA_CLUSTER_DIR           logs/, pids/, work/ and master-url live here [target/cluster]
#   NABLA_MASTER_PORT [7077]    NABLA_MASTER_WEBUI_PORT [8080]
#   NABLA_WORKER_PORT_BASE      worker i listens on BASE+i [0 = any free port]
#   NABLA_WORKER_WEBUI_PORT_BASE  worker i's web UI on BASE+i [8081]
#   NABLA_WORKER_CORES [1]      NABLA_WORKER_MEMORY [1g]    NABLA_DAEMON_MEMORY (heap of master/worker) [256m]
#   NABLA_CLUSTER_TIMEOUT       seconds to wait for the master and each worker [60]
# Stop it with cluster-down.sh (same NABLA_CLUSTER_DIR).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/spark-home.sh"

usage() { echo "usage: $0 [WORKERS]   (WORKERS ≥ 1, default 2; see the header of $0 for the environment)" >&2; exit 2; }
[[ $# -le 1 ]] || usage
workers="${1:-2}"
[[ "$workers" =~ ^[1-9][0-9]*$ ]] || usage

nabla_spark_home
dir="${NABLA_CLUSTER_DIR:-$NABLA_ROOT/target/cluster}"
port="${NABLA_MASTER_PORT:-7077}"
webui="${NABLA_MASTER_WEBUI_PORT:-8080}"
wport="${NABLA_WORKER_PORT_BASE:-0}"
wwebui="${NABLA_WORKER_WEBUI_PORT_BASE:-8081}"
cores="${NABLA_WORKER_CORES:-1}"
memory="${NABLA_WORKER_MEMORY:-1g}"
heap="${NABLA_DAEMON_MEMORY:-256m}"
timeout="${NABLA_CLUSTER_TIMEOUT:-60}"

mkdir -p "$dir/logs" "$dir/pids" "$dir/work"
for f in "$dir"/pids/*.pid; do
  [[ -e "$f" ]] || continue
  if kill -0 "$(cat "$f")" 2> /dev/null; then
    echo "a cluster is already running from $dir ($(basename "$f") = $(cat "$f")): run cluster-down.sh first" >&2
    exit 1
  fi
  rm -f "$f"
done

export SPARK_LOCAL_IP=127.0.0.1
export OPENBLAS_NUM_THREADS=1

# start NAME CLASS ARGS...: one daemon JVM, its pid recorded in pids/NAME.pid, its output in logs/NAME.log.
start() {
  local name="$1" class="$2"
  shift 2
  java -Xmx"$heap" "${NABLA_JAVA17_OPENS[@]}" -cp "$SPARK_HOME/jars/*" "$class" "$@" \
    < /dev/null > "$dir/logs/$name.log" 2>&1 &
  echo $! > "$dir/pids/$name.pid"
}

# await NAME TEXT: polls logs/NAME.log until TEXT appears; fails when the JVM dies or the timeout passes.
await() {
  local name="$1" text="$2" pid deadline=$((SECONDS + timeout))
  pid="$(cat "$dir/pids/$name.pid")"
  until grep -q "$text" "$dir/logs/$name.log"; do
    if ! kill -0 "$pid" 2> /dev/null; then
      echo "$name (pid $pid) exited before '$text': see $dir/logs/$name.log" >&2
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      echo "$name (pid $pid) did not log '$text' within ${timeout}s: see $dir/logs/$name.log; cluster-down.sh stops it" >&2
      exit 1
    fi
    sleep 0.2
  done
}

start master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port "$webui"
await master "I have been elected leader"
url="spark://127.0.0.1:$port"
for ((i = 1; i <= workers; i++)); do
  p=0
  ((wport > 0)) && p=$((wport + i))
  mkdir -p "$dir/work/worker-$i"
  start "worker-$i" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --port "$p" \
    --webui-port $((wwebui + i - 1)) --cores "$cores" --memory "$memory" --work-dir "$dir/work/worker-$i" "$url"
done
for ((i = 1; i <= workers; i++)); do
  await "worker-$i" "Successfully registered with master"
done
echo "$url" > "$dir/master-url"
echo "$url ($workers workers × $cores cores, $memory; logs and pids in $dir)"
