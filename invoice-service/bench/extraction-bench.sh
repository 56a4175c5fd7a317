#!/usr/bin/env bash
# Extraction benchmark of invoice-service (issue 18). A script, not a test: it prints numbers.
#
# Compiles invoice-service's main and test classes (offline Maven, no suite started), renders the
# generated corpus (PDFBox layouts, and the HTML layouts printed by headless Chromium when
# /usr/bin/chromium exists), then runs ExtractionBench.java: field-level precision and recall per
# field and per layout, every miss, and the time per page of load + extract, cold and warm.
# Environment: ROUNDS (default 20) warm passes over the corpus (the second half is measured).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
module="$root/invoice-service"
cd "$root"
classpath_file="$module/target/extraction-bench.classpath"
# One reactor run: the sibling modules resolve to their target/classes; invoice-service, built last, writes the file last.
nice -n 10 mvn -B -o -q -pl invoice-service -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test
java -cp "$module/target/classes:$module/target/test-classes:$(cat "$classpath_file")" \
  "$module/bench/ExtractionBench.java" "${ROUNDS:-20}"
