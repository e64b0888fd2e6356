#!/usr/bin/env bash
# Trains MNIST 784-256-128-10 (ReLU, softmax + cross-entropy, batch 128) once per optimizer and prints a
# markdown table: optimizer, learning rate, epochs, test accuracy after each epoch count, time. Every
# mini-batch optimizer uses the config's cosine decay of its learning rate; L-BFGS runs 100 iterations.
# Run it from a checkout whose target/ nothing else rebuilds meanwhile (it runs the built jar).
# Usage: submit-scripts/mnist-optimizers.sh [EPOCHS] [OPTIMIZER...]   (default: 15 epochs; sgd momentum
# adagrad rmsprop adam lbfgs). Needs data/mnist (submit-scripts/fetch-mnist.sh) and python3 for the table.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
epochs="${1:-15}"
[[ "$epochs" =~ ^[0-9]+$ ]] || { echo "usage: $0 [EPOCHS] [OPTIMIZER...]" >&2; exit 2; }
shift || true
optimizers=("$@")
[[ ${#optimizers[@]} -gt 0 ]] || optimizers=(sgd momentum adagrad rmsprop adam lbfgs)
declare -A rate=([sgd]=0.1 [momentum]=0.01 [nesterov]=0.01 [adagrad]=0.02 [rmsprop]=0.0005 [adam]=0.001 [adamw]=0.001 [lbfgs]=1)
# L-BFGS is full-batch: its "epochs" are iterations (each one or more passes over all rows).
declare -A iterations=([lbfgs]=100)
out="target/optimizers"
mkdir -p "$out"
for o in "${optimizers[@]}"; do
  n="${iterations[$o]:-$epochs}"
  extra=()
  [[ "$o" != lbfgs ]] || extra=(--lr-schedule constant)   # the config's cosine decay is for mini-batch runs
  echo "== $o (learning rate ${rate[$o]:-0.01}, $n epochs)" >&2
  start=$(date +%s)
  submit-scripts/nabla train --config conf/mnist-deep.properties --optimizer "$o" \
    --learning-rate "${rate[$o]:-0.01}" --epochs "$n" "${extra[@]}" \
    --model-out "$out/model-$o" --metrics-out "$out/$o.jsonl" >&2
  echo "$(( $(date +%s) - start ))" > "$out/$o.seconds"
done
python3 - "$out" "${optimizers[@]}" <<'PY'
import json, sys
out, names = sys.argv[1], sys.argv[2:]
print("| optimizer | learning rate | epochs | test accuracy (epoch 5) | test accuracy (epoch 10) | final test accuracy | best (epoch) | training time | command time |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for n in names:
    rows = [json.loads(l) for l in open(f"{out}/{n}.jsonl") if '"epoch"' in l]
    acc = {r["epoch"]: r["val_accuracy"] for r in rows}
    best = max(rows, key=lambda r: r["val_accuracy"])
    cmd = open(f"{out}/{n}.seconds").read().strip()
    lr = json.load(open(f"{out}/model-{n}/manifest.json"))["hyperParameters"].get("learning-rate", "(line search)")
    f = lambda e: f"{acc[e]:.4f}" if e in acc else "–"
    print(f"| {n} | {lr} | {len(rows)} | {f(5)} | {f(10)} | {rows[-1]['val_accuracy']:.4f} | {best['val_accuracy']:.4f} ({best['epoch']}) | {rows[-1]['wall_s']:.0f} s | {cmd} s |")
PY
