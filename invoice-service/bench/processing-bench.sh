#!/usr/bin/env bash
# Processing and WebSocket benchmark of invoice-service. A script, not a test: it prints numbers.
#
# Starts the packaged suite with deploy/local/up.sh (ENVOYX_BUILD=never: package first with
# `mvn -B -DskipTests package` for infra and the three services), creates an account and a key
# whose request and upload limits are raised out of the way (its WebSocket allowance stays at the
# default 5), then runs ProcessingBench.java (JDK WebSocket and HTTP clients, PDFBox from
# invoice-service's own libraries) with five sockets of that key open throughout:
#   1. time from the upload's 201 response to the invoice's terminal event on a socket, for a
#      1-page and a 100-page text PDF (N uploads each, one at a time, after 5 warm-up uploads),
#      p50/p99, beside the same documents parsed by PDFBox alone (the pipeline's parse without
#      queue, database, blob store and events) and the ratio;
#   2. events per second delivered to the five sockets while FANOUT_UPLOADS 1-page uploads arrive
#      from FANOUT_THREADS threads, beside the status changes per second committed times five.
# Environment: N (default 50), FANOUT_UPLOADS (default 200), FANOUT_THREADS (default 4).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
app="$root/invoice-service/target/quarkus-app"
# shellcheck source=suite.sh
source "$root/invoice-service/bench/suite.sh"
start_suite envoyx-processing-bench "Processing benchmark"
# The first requests after a start warm gRPC channels and JWKS and may miss a deadline on a busy
# machine; the benchmark's WebSocket must not be the request that pays for it.
for attempt in $(seq 1 30); do
  curl -fsS -H "X-API-Key: $key" "$invoice/api/v1/me" >/dev/null 2>&1 && break
  [[ "$attempt" -lt 30 ]] || { echo "bench: the key chain never answered 200" >&2; exit 1; }
  sleep 1
done

# The key reaches the benchmark through its environment, never its command line.
ENVOYX_API_KEY="$key" java -cp "$app/lib/boot/*:$app/lib/main/*" "$root/invoice-service/bench/ProcessingBench.java" \
  "$invoice" "${N:-50}" "${FANOUT_UPLOADS:-200}" "${FANOUT_THREADS:-4}"
