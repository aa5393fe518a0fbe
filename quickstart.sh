#!/usr/bin/env bash
# The quickstart: one command from a clean clone (needs JDK 17+ and Maven).
#
#   ./quickstart.sh          run, print the report, keep everything running until Ctrl-C
#   ./quickstart.sh --exit   run, print the report, stop (what CI does)
#
# Builds the plugin archives and the launcher when they are missing or older than the sources,
# then hands over to io.ampbraze.quickstart.Quickstart (see docs/quickstart.md).
set -euo pipefail
cd "$(dirname "$0")"

for tool in java mvn; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "The quickstart needs '$tool' on the PATH (JDK 17 or later, and Maven)." >&2
    exit 2
  fi
done
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${java_major%%.*}" -lt 17 ] 2>/dev/null; then
  echo "The quickstart needs JDK 17 or later; 'java' is version $java_major." >&2
  exit 2
fi

stamp=quickstart/target/quickstart-build.stamp
classpath_file=quickstart/target/kafka-runtime.classpath   # Kafka's jars: broker and worker
testkit_classpath_file=quickstart/target/testkit.classpath  # the Braze emulator, Currents files
needs_build() {
  [ -f "$stamp" ] && [ -f "$classpath_file" ] && [ -f "$testkit_classpath_file" ] || return 0
  ls sink-connector/target/ampbraze-kafka-connect-*.zip source-connector/target/ampbraze-kafka-connect-*.zip \
    >/dev/null 2>&1 || return 0
  # Anything that goes into the archives or the launcher changed since the last build?
  [ -n "$(find pom.xml ./*/pom.xml ./*/src config-examples packaging docs README.md LICENSE \
      -newer "$stamp" -print -quit 2>/dev/null)" ]
}
if needs_build; then
  echo "Building the plugin archives and the launcher: mvn -B -q package -DskipTests"
  mvn -B -q package -DskipTests
  touch "$stamp"
fi

exec java -cp "quickstart/target/classes:$(cat "$classpath_file"):$(cat "$testkit_classpath_file")" \
  io.ampbraze.quickstart.Quickstart "$@"
