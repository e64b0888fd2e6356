#!/usr/bin/env bash
# Runs the study that chose the training defaults (dev.nabla.bench.DefaultsStudy, docs/results.md "Defaults"): each
# data set × candidate as its own `submit-scripts/nabla train` with only the data, --layers and the candidate's
# flags; prints per data set the epochs and seconds to its target. Data it needs (made here when missing):
# data/mnist (submit-scripts/fetch-mnist.sh), data/higgs-200k.csv and data/higgs-val.csv (gen-data.sh higgs),
# data/small (submit-scripts/fetch-small-sets.sh, which needs Debian's python3-sklearn).
#
# usage: submit-scripts/defaults-study.sh [--sets L] [--candidates L] [--epochs N] [--extra "FLAGS"] [--json FILE]
#   (DefaultsStudy --help lists the data sets and candidates)
set -euo pipefail
cd "$(dirname "$0")/.."
for arg in "$@"; do
  if [[ "$arg" == -h || "$arg" == --help ]]; then sed -n '2,9s/^# \{0,1\}//p' "$0"; exit 0; fi
done
[[ -f data/mnist/train-images-idx3-ubyte ]] || submit-scripts/fetch-mnist.sh
[[ -f data/higgs-200k.csv ]] || submit-scripts/gen-data.sh higgs --rows 200000 --out data/higgs-200k.csv
[[ -f data/higgs-val.csv ]] || submit-scripts/gen-data.sh higgs --rows 200000 --seed 2 --out data/higgs-val.csv
[[ -f data/small/diabetes-test.csv ]] || submit-scripts/fetch-small-sets.sh

# shellcheck source=lib/test-classpath.sh
source submit-scripts/lib/test-classpath.sh
classpath_file="$(nabla_test_classpath defaults-study.sh target/test-classes/dev/nabla/bench/DefaultsStudy.class)"
exec java -Xmx256m -cp "target/test-classes:$(cat "$classpath_file")" dev.nabla.bench.DefaultsStudy "$@"
