# Sourced by the cluster and submit scripts: finds the project root, the Spark home and the Java 17 flags.
#   Spark home: $SPARK_HOME when set, else target/spark-home/ assembled by `mvn package` (jars/ = Spark's
#   runtime jars from Maven); a RELEASE file is written there so that Spark's launcher takes jars/ as is.
# shellcheck shell=bash

NABLA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# The JVM flags Spark needs on Java 17 (the list in pom.xml and in spark-submit's launcher).
# shellcheck disable=SC2034 # used by the scripts that source this file
NABLA_JAVA17_OPENS=(
  -XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true
)

# Sets and exports SPARK_HOME (and SPARK_SCALA_VERSION for an assembled home); exits 2 when there is none.
nabla_spark_home() {
  if [[ -n "${SPARK_HOME:-}" ]]; then
    if [[ ! -d "$SPARK_HOME/jars" ]]; then
      echo "SPARK_HOME=$SPARK_HOME has no jars/ folder: point it at a Spark 4.1 distribution or unset it" >&2
      exit 2
    fi
    export SPARK_HOME
    return
  fi
  local home="$NABLA_ROOT/target/spark-home"
  if ! compgen -G "$home/jars/spark-core_*.jar" > /dev/null; then
    echo "no Spark home: SPARK_HOME is not set and $home/jars is empty; run 'mvn -B -DskipTests package' first" >&2
    exit 2
  fi
  if [[ ! -f "$home/RELEASE" ]]; then
    local core
    core="$(basename "$(compgen -G "$home/jars/spark-core_*.jar" | head -n 1)" .jar)"
    echo "Spark ${core##*-} (assembled by Nabla's build from Maven jars)" > "$home/RELEASE"
  fi
  export SPARK_HOME="$home"
  export SPARK_SCALA_VERSION="${SPARK_SCALA_VERSION:-2.13}"
}

# The application jar target/nabla-*.jar; exits 2 when it has not been built.
nabla_app_jar() {
  local jar
  jar="$(compgen -G "$NABLA_ROOT/target/nabla-*.jar" | grep -v -e original- -e sources | head -n 1 || true)"
  if [[ -z "$jar" ]]; then
    echo "no application jar in $NABLA_ROOT/target: run 'mvn -B -DskipTests package' first" >&2
    exit 2
  fi
  echo "$jar"
}
