# Sourced by the scripts that run classes under src/test/java (bench.sh, bench-core.sh, onnx-check.sh), from
# the project root.
# shellcheck shell=bash

# nabla_test_classpath NAME STAMP: compiles the test classes (mvn test-compile) when STAMP, a class file under
# target/test-classes, is missing or older than a source; then prints the name of the file that holds the
# test-scope class path (Spark's provided jars and ONNX Runtime included), rebuilt when pom.xml changed. NAME
# prefixes the message.
nabla_test_classpath() {
  local name="$1" stamp="$2" classpath_file=target/bench-classpath.txt
  if [[ ! -f "$stamp" ]] || [[ -n "$(find src -newer "$stamp" -name '*.java' -print -quit)" ]]; then
    echo "$name: compiling (mvn -B -q test-compile)" >&2
    mvn -B -q -Dstyle.color=never test-compile >&2 || return
  fi
  if [[ ! -s "$classpath_file" || pom.xml -nt "$classpath_file" ]]; then
    mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile="$classpath_file" >&2 || return
  fi
  echo "$classpath_file"
}
