#!/usr/bin/env bash
# Puts four small tabular data sets in DIR (default: data/small) as Nabla CSV (label in column 0, no header), each
# split 80/20 into NAME-train.csv and NAME-test.csv by a fixed shuffle: breast-cancer (569 rows, 30 features, 2
# classes), wine (178, 13, 3 classes), digits (1,797, 64, 10 classes), diabetes (442, 10, regression). They are the
# copies scikit-learn ships (Debian's python3-sklearn: apt-get install python3-sklearn); the defaults study
# (submit-scripts/defaults-study.sh) trains on them.
set -euo pipefail

usage() { echo "usage: $0 [DIR]   (default DIR: data/small)" >&2; exit 2; }
[[ $# -le 1 ]] || usage
[[ "${1:-}" != -* ]] || usage
dir="${1:-data/small}"
# Debian's python3-sklearn installs for /usr/bin/python3, which may not be the python3 first on PATH.
src=""
for py in /usr/bin/python3 python3; do
  command -v "$py" >/dev/null || continue
  src="$("$py" -c 'import importlib.util as u, os; s = u.find_spec("sklearn"); print(os.path.join(os.path.dirname(s.origin), "datasets", "data"))' 2>/dev/null)" \
    && [[ -f "$src/breast_cancer.csv" ]] && python="$py" && break
  src=""
done
[[ -n "$src" ]] || { echo "fetch-small-sets.sh: scikit-learn's data sets not found; install them: apt-get install python3-sklearn" >&2; exit 1; }
mkdir -p "$dir"
"$python" - "$src" "$dir" <<'PY'
import csv, gzip, os, random, sys
src, out = sys.argv[1], sys.argv[2]

def table(name):  # scikit-learn's layout: a first line "rows,features,class names...", then features..., label
    with open(os.path.join(src, name)) as f:
        r = csv.reader(f)
        next(r)
        return [(row[-1], row[:-1]) for row in r if row]

def gz(name, sep=None):
    with gzip.open(os.path.join(src, name), "rt") as f:
        return [line.split(sep) if sep else line.split() for line in f if line.strip()]

sets = {
    "breast-cancer": table("breast_cancer.csv"),
    "wine": table("wine_data.csv"),
    "digits": [(r[-1], r[:-1]) for r in gz("digits.csv.gz", ",")],
    "diabetes": [(t[0], x) for x, t in zip(gz("diabetes_data_raw.csv.gz"), gz("diabetes_target.csv.gz"))],
}
for name, rows in sets.items():
    rows = [(str(float(y)) if name == "diabetes" else str(int(float(y))), [str(float(v)) for v in x]) for y, x in rows]
    random.Random(20261130).shuffle(rows)
    cut = int(round(0.8 * len(rows)))
    for part, chunk in (("train", rows[:cut]), ("test", rows[cut:])):
        path = os.path.join(out, f"{name}-{part}.csv")
        tmp = path + ".tmp"
        with open(tmp, "w") as f:
            for y, x in chunk:
                f.write(y + "," + ",".join(x) + "\n")
        os.replace(tmp, path)
    print(f"{name}: {cut} train / {len(rows) - cut} test rows, {len(rows[0][1])} features -> {out}/{name}-{{train,test}}.csv")
PY
