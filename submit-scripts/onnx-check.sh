#!/usr/bin/env bash
# Checks an exported ONNX model on the MNIST test images (dev.nabla.bench.OnnxCheck, issue 16): the file's size,
# how many of ONNX Runtime's labels equal Nabla's, the largest probability difference, and the time ONNX Runtime
# takes to score the 10,000 images.
#
# usage: submit-scripts/onnx-check.sh --model DIR --onnx FILE [--data DIR] [--runs N]
#   --model DIR  the model directory `nabla train` saved (e.g. /tmp/mnist-model)
#   --onnx FILE  the file `nabla export` wrote from it
#   --data DIR   the MNIST IDX files (default data/mnist; submit-scripts/fetch-mnist.sh puts them there)
#   --runs N     timed runs of each scorer, odd (default 11)
set -euo pipefail

usage() {  # usage STATUS: prints the usage (to stderr unless STATUS is 0) and exits with STATUS
  if [[ "$1" == 0 ]]; then sed -n '6,10s/^# \{0,1\}//p' "$0"; else sed -n '6,10s/^# \{0,1\}//p' "$0" >&2; fi
  exit "$1"
}

[[ $# -gt 0 ]] || usage 2
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage 0 ;;
  esac
done

cd "$(dirname "$0")/.."
command -v mvn >/dev/null || { echo "onnx-check.sh: mvn not found on PATH; install Maven 3.8+" >&2; exit 1; }
command -v java >/dev/null || { echo "onnx-check.sh: java not found on PATH; install a Java 17 JDK" >&2; exit 1; }

# shellcheck source=lib/test-classpath.sh
source submit-scripts/lib/test-classpath.sh
# shellcheck source=lib/spark-home.sh
source submit-scripts/lib/spark-home.sh
# The test scope's class path includes Spark (which reads MNIST as Nabla does) and ONNX Runtime.
classpath_file="$(nabla_test_classpath onnx-check.sh target/test-classes/dev/nabla/bench/OnnxCheck.class)"

export OPENBLAS_NUM_THREADS=1
exec java -Xmx2g "${NABLA_JAVA17_OPENS[@]}" -Dlog4j2.configurationFile="file:$PWD/conf/log4j2.properties" \
  -cp "target/classes:target/test-classes:$(cat "$classpath_file")" dev.nabla.bench.OnnxCheck "$@"
