#!/usr/bin/env bash
# Prints the JDK modules the app needs according to jdeps (run `mvn -DskipTests package` first).
# Compare with installer.modules in pom.xml: that list holds these plus the modules jdeps cannot
# see (loaded by name or through services): jdk.crypto.ec, jdk.zipfs, jdk.charsets.
# .ci/installer-check fails when this prints a module that installer.modules lacks.
set -euo pipefail
cd "$(dirname "$0")/../target"
jdeps --multi-release 17 --ignore-missing-deps --print-module-deps --class-path 'lib/*' \
  pc2seg-studio.jar
