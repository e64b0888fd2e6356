#!/usr/bin/env bash
# Runs the core-speed benchmark (dev.nabla.bench.CoreBench, issue 2): single-thread forward+backward of
# a 784-128-10 network next to single-thread dgemm of the same BLAS, as a markdown table.
#
# usage: submit-scripts/bench-core.sh [--quick] [--java-blas] [--phases | --sparse]
#   --quick      few short repetitions: a smoke run in seconds (noisy figures)
#   --java-blas  force netlib's pure-Java BLAS even when native OpenBLAS is installed
#   --phases     also time each phase of a step (GEMMs, activations, bias and BP3 loops)
#   --sparse     run SparseKernelBench instead: sparse against dense inputs (200000-32-10; density crossover)
#   --precision  run PrecisionBench instead: forward+backward at float64 and float32, dgemm and sgemm
#   --links      run LinkCalibration instead: α and B of a loopback link through the stream's wire format, and the
#                step cost model's predictions for star, tree and ring (docs/scaling.md)
set -euo pipefail

usage() {  # usage STATUS: prints the usage (to stderr unless STATUS is 0) and exits with STATUS
  if [[ "$1" == 0 ]]; then sed -n '5,12s/^# \{0,1\}//p' "$0"; else sed -n '5,12s/^# \{0,1\}//p' "$0" >&2; fi
  exit "$1"
}

bench_args=()
java_blas=false
main_class=dev.nabla.bench.CoreBench
for arg in "$@"; do
  case "$arg" in
    --quick|--phases) bench_args+=("$arg") ;;
    --sparse) main_class=dev.nabla.bench.SparseKernelBench ;;
    --precision) main_class=dev.nabla.bench.PrecisionBench ;;
    --links) main_class=dev.nabla.train.stream.LinkCalibration ;;
    --java-blas) java_blas=true ;;
    -h|--help) usage 0 ;;
    *) echo "bench-core.sh: unknown argument '$arg'" >&2; usage 2 ;;
  esac
done

cd "$(dirname "$0")/.."
command -v mvn >/dev/null || { echo "bench-core.sh: mvn not found on PATH; install Maven 3.8+" >&2; exit 1; }
command -v java >/dev/null || { echo "bench-core.sh: java not found on PATH; install a Java 17 JDK" >&2; exit 1; }

# shellcheck source=lib/test-classpath.sh
source submit-scripts/lib/test-classpath.sh
classpath_file="$(nabla_test_classpath bench-core.sh target/test-classes/dev/nabla/bench/CoreBench.class)"

java_opts=(-Xmx2g)
# netlib picks the native library named by dev.ludovic.netlib.blas.nativeLib (default "blas", i.e.
# libblas.so.3, which the alternatives system points at OpenBLAS) or by ...nativeLibPath. netlib has no
# switch to refuse native code, so --java-blas names a library that cannot exist: JNIBLAS then fails to
# load and netlib falls back to its Java BLAS. The incubating Vector API module lets that fallback be
# VectorBLAS (the fastest Java one) rather than Java11BLAS. The header line prints which class ran.
java_opts+=(--add-modules=jdk.incubator.vector)
if [[ "$java_blas" == true ]]; then
  java_opts+=(-Ddev.ludovic.netlib.blas.nativeLib=nabla-no-native-blas.so)
fi

export OPENBLAS_NUM_THREADS=1
exec java "${java_opts[@]}" -cp "target/classes:target/test-classes:$(cat "$classpath_file")" \
  "$main_class" "${bench_args[@]}"
