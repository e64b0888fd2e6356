#!/usr/bin/env bash
# Generates the seeded benchmark data sets of issue 14 (dev.nabla.bench.DataGen): the same arguments give
# byte-identical files. "check" trains a small network on generated files on one thread (dev.nabla.bench.DataCheck).
#
# usage: submit-scripts/gen-data.sh higgs|sparse --out FILE [--rows N] [--seed S] [--overwrite]
#          [--features D] [--nnz K] [--classes C]
#        submit-scripts/gen-data.sh check --train FILE --validation FILE --layers n0,...,nL [--epochs 2]
#          [--batch 128] [--lr 0.001] [--seed 1]
#   higgs    CSV: label 0/1, then 28 features in [-1, 1] with 5 decimals (default 2,000,000 rows, ~480 MB)
#   sparse   LIBSVM: labels 0..C-1, K increasing 1-based indices per row (default 50,000 rows, D = 200,000,
#            K = 40, C = 10)
#   --seed S another seed draws another sample of the same task (e.g. --seed 2 for a validation file)
#   check    validation accuracy per epoch of a ReLU network trained with Adam (.csv files are read as CSV,
#            others as LIBSVM)
# Examples: submit-scripts/gen-data.sh higgs --rows 2000000 --out data/higgs-2m.csv
#           submit-scripts/gen-data.sh sparse --out data/sparse-50k.libsvm
set -euo pipefail

usage() {  # usage STATUS: prints the usage (to stderr unless STATUS is 0) and exits with STATUS
  if [[ "$1" == 0 ]]; then sed -n '5,17s/^# \{0,1\}//p' "$0"; else sed -n '5,17s/^# \{0,1\}//p' "$0" >&2; fi
  exit "$1"
}

[[ $# -ge 1 ]] || { echo "gen-data.sh: missing the command (higgs, sparse or check)" >&2; usage 2; }
case "$1" in
  higgs|sparse) main=dev.nabla.bench.DataGen ;;
  check) main=dev.nabla.bench.DataCheck; shift ;;
  -h|--help) usage 0 ;;
  *) echo "gen-data.sh: unknown command '$1'" >&2; usage 2 ;;
esac
[[ $# -ge 1 ]] || { echo "gen-data.sh: check needs arguments" >&2; usage 2; }

cd "$(dirname "$0")/.."
command -v mvn >/dev/null || { echo "gen-data.sh: mvn not found on PATH; install Maven 3.8+" >&2; exit 1; }
command -v java >/dev/null || { echo "gen-data.sh: java not found on PATH; install a Java 17 JDK" >&2; exit 1; }

stamp=target/test-classes/dev/nabla/bench/DataGen.class
if [[ ! -f "$stamp" ]] || [[ -n "$(find src -newer "$stamp" -name '*.java' -print -quit)" ]]; then
  echo "gen-data.sh: compiling (mvn -B -q test-compile)" >&2
  mvn -B -q -Dstyle.color=never test-compile >&2
fi

classpath_file=target/bench-classpath.txt
if [[ ! -s "$classpath_file" || pom.xml -nt "$classpath_file" ]]; then
  # DataGen needs no dependency; DataCheck needs netlib's BLAS (the test scope lists everything).
  mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile="$classpath_file" >&2
fi

java_opts=(-Xmx3g)
if [[ "$main" == dev.nabla.bench.DataCheck ]]; then
  # One thread, one BLAS thread. A dense batch of a 200,000-feature input takes 200 MB, hence the heap. The
  # incubating Vector API lets netlib's Java fallback (when no native BLAS is installed) be VectorBLAS.
  java_opts+=(--add-modules=jdk.incubator.vector)
  export OPENBLAS_NUM_THREADS=1
fi
exec java "${java_opts[@]}" -cp "target/classes:target/test-classes:$(cat "$classpath_file")" "$main" "$@"
