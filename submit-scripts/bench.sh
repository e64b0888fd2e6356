#!/usr/bin/env bash
# Runs the Spark benchmark of issue 6 (dev.nabla.bench.SparkBench): MLlib's MLP and Nabla racing to 97% test
# accuracy on MNIST, Nabla's per-step overhead next to an empty Spark job, and its training GFLOP/s next to
# dgemm, all in one JVM with one local[2] Spark session. Prints markdown tables (and JSON with --json).
#
# usage: submit-scripts/bench.sh [--quick] [--json FILE] [--data DIR] [--sections 1,...,7] [--nabla-batch N] [--nabla-lr X]
#          [--nabla-optimizer NAME] [--nabla-schedule NAME] [--nabla-epochs N] [--nabla-diagnostics] [--precision P]
#          [--mllib-iters L]
#   --quick          small data, few repetitions: a smoke run well under a minute (what CI runs)
#   --json FILE      also write the results as JSON to FILE
#   --data DIR       the MNIST IDX files (default data/mnist, put there by submit-scripts/fetch-mnist.sh)
#   --sections L     run only these sections (1 MLlib, 2 Nabla to 97%, 3 step overhead, 4 compute, 5 step overhead
#                    on a local standalone cluster of 2 workers (started and stopped here), 6 DP-SGD step cost,
#                    7 data scaling: ingestion against Spark's CSV reader, bytes per row, epochs in memory and on disk)
#   --mllib-iters L                 section 1 fits MLlib at exactly these maxIter values (e.g. 100), no bisection
#   --nabla-batch N, --nabla-lr X   section 2's batch size and learning rate (default 112 and 0.022; --quick: 256, 0.025)
#   --nabla-optimizer NAME          section 2's optimizer (default adam)
#   --nabla-schedule NAME           section 2's learning-rate schedule (default cosine, annealed over the epochs)
#   --nabla-epochs N                section 2's maximum epochs, also the schedule's length (default 2; --quick: 5)
#   --nabla-diagnostics             section 2 also computes the per-epoch diagnostics, a Spark job an epoch (off by
#                                   default: the peers compute none; on before 2026-11-30)
#   --precision P                   float64 (default) or float32: Nabla's compute in sections 2 and 4 (4 then
#                                   compares with sgemm)
# Environment: BENCH_HEAP (default 6g), the JVM's maximum heap; BENCH_JAVA_OPTS, more JVM options (e.g. a JFR
# recording); BENCH_MASTER_PORT (default: the first free of 7177, 7277, …), the port of section 5's cluster
# master (its web UI: port + 1000, the workers': port + 1001 and + 1002).
set -euo pipefail

usage() {  # usage STATUS: prints the usage (to stderr unless STATUS is 0) and exits with STATUS
  if [[ "$1" == 0 ]]; then sed -n '6,26s/^# \{0,1\}//p' "$0"; else sed -n '6,26s/^# \{0,1\}//p' "$0" >&2; fi
  exit "$1"
}

bench_args=()
sections="1,2,3,4,5,6,7"
json=""
data="data/mnist"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick|--nabla-diagnostics) bench_args+=("$1"); shift ;;
    --sections|--json|--data)
      [[ $# -ge 2 ]] || { echo "bench.sh: $1 needs a value" >&2; usage 2; }
      case "$1" in --sections) sections="$2" ;; --json) json="$2" ;; --data) data="$2" ;; esac
      shift 2 ;;
    --nabla-batch|--nabla-lr|--nabla-optimizer|--nabla-schedule|--nabla-epochs|--precision|--mllib-iters)
      [[ $# -ge 2 ]] || { echo "bench.sh: $1 needs a value" >&2; usage 2; }
      bench_args+=("$1" "$2"); shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "bench.sh: unknown argument '$1'" >&2; usage 2 ;;
  esac
done

cd "$(dirname "$0")/.."
command -v mvn >/dev/null || { echo "bench.sh: mvn not found on PATH; install Maven 3.8+" >&2; exit 1; }
command -v java >/dev/null || { echo "bench.sh: java not found on PATH; install a Java 17 JDK" >&2; exit 1; }

# shellcheck source=lib/test-classpath.sh
source submit-scripts/lib/test-classpath.sh
classpath_file="$(nabla_test_classpath bench.sh target/test-classes/dev/nabla/bench/SparkBench.class)"

commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ "$commit" != unknown && -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
  commit="$commit+uncommitted-changes"
fi

# The flags Spark needs on Java 17 (as in submit-scripts/nabla and the pom's spark.java17.opens), and the
# incubating Vector API so that netlib's Java BLAS fallback is VectorBLAS (the header names the BLAS used).
opens=(
  -XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true
  --add-modules=jdk.incubator.vector
)

# Sections 1-4 and 6 run in one JVM with a local[2] session; section 5 in a second JVM whose master is a
# standalone cluster of two one-core workers on 127.0.0.1 (submit-scripts/cluster-up.sh), stopped afterwards.
local_sections="$(tr ',' '\n' <<< "$sections" | { grep -v '^ *5 *$' || true; } | paste -sd, -)"
cluster_section=0
tr ',' '\n' <<< "$sections" | grep -q '^ *5 *$' && cluster_section=1

# One BLAS thread per Spark task: two tasks on two cores, no oversubscription.
export OPENBLAS_NUM_THREADS=1
bench() {  # bench MASTER SECTIONS JSON [JAVA OPTIONS...]: one SparkBench JVM
  local master="$1" which="$2" out="$3"
  shift 3
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
  java -Xmx"${BENCH_HEAP:-6g}" ${BENCH_JAVA_OPTS:-} "${opens[@]}" -Dspark.master="$master" -Dnabla.bench.commit="$commit" \
    -Dlog4j2.configurationFile="file:conf/log4j2.properties" "$@" \
    -cp "target/classes:target/test-classes:$(cat "$classpath_file")" \
    dev.nabla.bench.SparkBench "${bench_args[@]}" --sections "$which" --data "$(realpath -m "$data")" \
    ${out:+--json "$out"}
}

if [[ -n "$local_sections" ]]; then
  bench 'local[2]' "$local_sections" "$json"
fi
if ((cluster_section)); then
  if ! compgen -G "target/spark-home/jars/spark-core_*.jar" > /dev/null \
      || [[ -n "$(find src/main pom.xml -newer "$(compgen -G 'target/nabla-*.jar' | head -n 1 || echo pom.xml)" -print -quit)" ]]; then
    echo "bench.sh: building the application jar and the Spark home for section 5 (mvn -B -q -DskipTests package)" >&2
    mvn -B -q -Dstyle.color=never -DskipTests package >&2
  fi
  listening() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }
  port="${BENCH_MASTER_PORT:-}"
  if [[ -z "$port" ]]; then  # the first of 7177, 7277, … whose master, master UI and worker UI ports are all free
    for port in $(seq 7177 100 8977); do
      listening "$port" || listening $((port + 1000)) || listening $((port + 1001)) \
        || listening $((port + 1002)) || break
    done
  fi
  export NABLA_CLUSTER_DIR="$PWD/target/bench-cluster" NABLA_MASTER_PORT="$port"
  export NABLA_MASTER_WEBUI_PORT=$((port + 1000)) NABLA_WORKER_WEBUI_PORT_BASE=$((port + 1001))
  export NABLA_WORKER_CORES=1 NABLA_WORKER_MEMORY="${BENCH_WORKER_MEMORY:-2g}"
  submit-scripts/cluster-up.sh 2 >&2
  trap 'submit-scripts/cluster-down.sh >&2' EXIT
  # The executors load Nabla (the application jar, with netlib BLAS inside) and the benchmark's classes from
  # this build (same machine).
  app_jar="$(compgen -G "$PWD/target/nabla-*.jar" | grep -v -e original- -e sources | head -n 1)"
  SPARK_LOCAL_IP=127.0.0.1 bench "spark://127.0.0.1:$port" 5 "${json:+${json%.json}-cluster.json}" \
    -Dspark.driver.host=127.0.0.1 -Dspark.executor.cores=1 -Dspark.cores.max=2 \
    -Dspark.executor.memory="${BENCH_WORKER_MEMORY:-2g}" \
    -Dspark.executor.extraClassPath="$app_jar:$PWD/target/test-classes" \
    -Dspark.executor.extraJavaOptions="${opens[*]}" -Dspark.executorEnv.OPENBLAS_NUM_THREADS=1
fi
