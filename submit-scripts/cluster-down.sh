#!/usr/bin/env bash
# Stops the cluster that cluster-up.sh started: kills exactly the pids recorded in $NABLA_CLUSTER_DIR/pids
# (workers first, then the master), waits for each to exit, and removes the pid files.
# Usage: cluster-down.sh        Environment: NABLA_CLUSTER_DIR [target/cluster], NABLA_CLUSTER_TIMEOUT [30]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/spark-home.sh"

[[ $# -eq 0 ]] || { echo "usage: $0   (no arguments; NABLA_CLUSTER_DIR selects the cluster)" >&2; exit 2; }
dir="${NABLA_CLUSTER_DIR:-$NABLA_ROOT/target/cluster}"
timeout="${NABLA_CLUSTER_TIMEOUT:-30}"

# stop FILE: TERM, wait up to the timeout, then KILL; the pid file goes once the process is gone.
stop() {
  local file="$1" pid deadline=$((SECONDS + timeout))
  pid="$(cat "$file")"
  if kill -0 "$pid" 2> /dev/null; then
    kill -TERM "$pid" 2> /dev/null || true
    while kill -0 "$pid" 2> /dev/null && ((SECONDS < deadline)); do
      sleep 0.2
    done
    if kill -0 "$pid" 2> /dev/null; then
      echo "$(basename "$file" .pid) (pid $pid) ignored TERM for ${timeout}s: killing it" >&2
      kill -KILL "$pid" 2> /dev/null || true
      while kill -0 "$pid" 2> /dev/null; do sleep 0.1; done
    fi
  fi
  rm -f "$file"
}

stopped=0
for f in "$dir"/pids/worker-*.pid "$dir"/pids/master.pid; do
  [[ -e "$f" ]] || continue
  stop "$f"
  stopped=$((stopped + 1))
done
rm -f "$dir/master-url"
echo "stopped $stopped processes recorded in $dir/pids"
