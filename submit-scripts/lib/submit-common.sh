# Sourced by submit-standalone.sh, submit-yarn.sh and submit-k8s.sh: the part of the spark-submit line that all
# three cluster managers share, read from one properties file.
#   submit_parse "$@"        [--dry-run] --config FILE -- <nabla args>: sets DRY_RUN, CONFIG, NABLA_ARGS, CONF
#   submit_require KEY...    exit 2 naming the file and the key when one is missing (run before conf_get)
#   submit_require_int KEY...  the same, and each must be a positive integer
#   conf_get KEY [DEFAULT]   a key of the file
#   submit_common LAUNCHER   fills SUBMIT with the launcher (spark-submit, or also the assembled Spark home when
#                            LAUNCHER=any) and the options every manager takes
#   submit_run               appends spark.* keys of the file, the jar and the nabla args; prints or runs it
# Common keys: master, deploy.mode, executor.instances, executor.cores, executor.memory, driver.memory,
#   app.jar (default: target/nabla-<version>.jar), app.name (default: nabla), and any spark.* key (passed as --conf).
# shellcheck shell=bash
source "$(dirname "${BASH_SOURCE[0]}")/spark-home.sh"

SCRIPT_NAME="$(basename "$0")"
EXAMPLE_CONF="conf/cluster-${SCRIPT_NAME#submit-}"
EXAMPLE_CONF="${EXAMPLE_CONF%.sh}.properties"
declare -A CONF=()
declare -A CONF_LINE=()
SUBMIT=()
NABLA_ARGS=()
DRY_RUN=0
CONFIG=""

submit_usage() {
  echo "usage: $SCRIPT_NAME [--dry-run] --config FILE -- <nabla command and options>" >&2
  echo "  e.g. $SCRIPT_NAME --config $EXAMPLE_CONF -- train --train hdfs:///data/train.libsvm ..." >&2
  exit 2
}

submit_fail() {
  echo "$SCRIPT_NAME: $*" >&2
  exit 2
}

submit_parse() {
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --dry-run) DRY_RUN=1; shift ;;
      --config) [[ $# -ge 2 ]] || submit_usage; CONFIG="$2"; shift 2 ;;
      --config=*) CONFIG="${1#--config=}"; shift ;;
      --) shift; NABLA_ARGS=("$@"); break ;;
      -h | --help) submit_usage ;;
      *) submit_fail "unknown option '$1' before '--': the script takes [--dry-run] --config FILE -- <nabla args>" ;;
    esac
  done
  [[ -n "$CONFIG" ]] || submit_fail "no --config FILE given: pass e.g. --config $EXAMPLE_CONF"
  [[ -f "$CONFIG" ]] || submit_fail "config file $CONFIG not found: pass an existing file, e.g. $EXAMPLE_CONF"
  [[ ${#NABLA_ARGS[@]} -gt 0 ]] || submit_fail "no nabla command after '--': add e.g. '-- train --train PATH --layers 4,16,3'"
  local n=0 line key value
  while IFS= read -r line || [[ -n "$line" ]]; do
    n=$((n + 1))
    line="${line#"${line%%[![:space:]]*}"}"
    [[ -z "$line" || "$line" == \#* ]] && continue
    [[ "$line" == *=* ]] || submit_fail "$CONFIG:$n: '$line' is not key=value: write e.g. executor.cores=2"
    key="${line%%=*}"
    value="${line#*=}"
    key="${key%"${key##*[![:space:]]}"}"
    value="${value#"${value%%[![:space:]]*}"}"
    value="${value%"${value##*[![:space:]]}"}"
    CONF["$key"]="$value"
    CONF_LINE["$key"]="$n"
  done < "$CONFIG"
}

submit_require() {
  local key
  for key in "$@"; do
    [[ -n "${CONF[$key]:-}" ]] || submit_fail "$CONFIG: missing key '$key': add a line '$key=...' (see $EXAMPLE_CONF)"
  done
}

submit_require_int() {
  local key
  submit_require "$@"
  for key in "$@"; do
    [[ "${CONF[$key]}" =~ ^[1-9][0-9]*$ ]] \
      || submit_fail "$CONFIG:${CONF_LINE[$key]}: $key=${CONF[$key]} is not a positive integer: write e.g. $key=2"
  done
}

conf_get() {
  echo "${CONF[$1]:-${2:-}}"
}

# The launcher words: $SPARK_HOME/bin/spark-submit, else (with "any") SparkSubmit from the Maven-assembled
# target/spark-home, which holds no YARN or Kubernetes support.
submit_launcher() {
  if [[ -n "${SPARK_HOME:-}" ]]; then
    SUBMIT=("$SPARK_HOME/bin/spark-submit")
  elif [[ "$1" == any ]] && compgen -G "$NABLA_ROOT/target/spark-home/jars/spark-core_*.jar" > /dev/null; then
    SUBMIT=(java "-Xmx$(conf_get driver.memory)" "${NABLA_JAVA17_OPENS[@]}"
      -cp "$NABLA_ROOT/target/spark-home/jars/*" org.apache.spark.deploy.SparkSubmit)
  elif ((DRY_RUN)); then
    SUBMIT=(spark-submit)
  else
    submit_fail "no spark-submit: set SPARK_HOME to a Spark 4.1 distribution$([[ "$1" == any ]] && echo ", or run 'mvn -B -DskipTests package'")"
  fi
}

submit_common() {
  local opens="${NABLA_JAVA17_OPENS[*]}"
  submit_require master deploy.mode driver.memory executor.memory
  submit_require_int executor.instances executor.cores
  submit_launcher "$1"
  SUBMIT+=(--master "$(conf_get master)" --deploy-mode "$(conf_get deploy.mode)"
    --name "$(conf_get app.name nabla)" --class dev.nabla.cli.Main
    --driver-memory "$(conf_get driver.memory)" --executor-memory "$(conf_get executor.memory)"
    --executor-cores "$(conf_get executor.cores)"
    --conf spark.executorEnv.OPENBLAS_NUM_THREADS=1
    --conf "spark.driver.extraJavaOptions=$opens"
    --conf "spark.executor.extraJavaOptions=$opens")
}

# The application jar: app.jar from the file, else the one `mvn package` builds.
submit_jar() {
  local jar version
  jar="$(conf_get app.jar "")"
  if [[ -z "$jar" ]]; then
    version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$NABLA_ROOT/pom.xml" | head -n 1)"
    jar="$NABLA_ROOT/target/nabla-$version.jar"
    [[ -f "$jar" || $DRY_RUN -eq 1 ]] || submit_fail "no application jar $jar: run 'mvn -B -DskipTests package' first"
  fi
  echo "$jar"
}

# Prints the words as one shell line, single-quoting those that need it.
submit_print() {
  local word line=""
  for word in "$@"; do
    if [[ ! "$word" =~ ^[A-Za-z0-9_./:=,@%+-]+$ ]]; then
      word="'${word//\'/\'\\\'\'}'"
    fi
    line+="${line:+ }$word"
  done
  echo "$line"
}

submit_run() {
  local key jar
  jar="$(submit_jar)"
  for key in $(printf '%s\n' "${!CONF[@]}" | sort); do
    [[ "$key" == spark.* ]] && SUBMIT+=(--conf "$key=${CONF[$key]}")
  done
  SUBMIT+=("$jar" "${NABLA_ARGS[@]}")
  if ((DRY_RUN)); then
    submit_print "${SUBMIT[@]}"
    exit 0
  fi
  export OPENBLAS_NUM_THREADS=1
  exec "${SUBMIT[@]}"
}
