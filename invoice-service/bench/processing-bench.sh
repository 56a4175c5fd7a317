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
for module in auth-service ratelimit-service invoice-service; do
  [[ -f "$root/$module/target/quarkus-app/quarkus-run.jar" ]] || { echo "bench: package $module first" >&2; exit 1; }
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
json_field() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval("d" + sys.argv[1]))' "$1"; }

work="$(mktemp -d /tmp/envoyx-processing-bench-XXXXXX)"
export ENVOYX_AUTH_HTTP_PORT="$(free_port)" ENVOYX_AUTH_GRPC_PORT="$(free_port)"
export ENVOYX_RATELIMIT_HTTP_PORT="$(free_port)" ENVOYX_RATELIMIT_GRPC_PORT="$(free_port)"
export ENVOYX_INVOICE_HTTP_PORT="$(free_port)"
export ENVOYX_REDIS_KEY_PREFIX="bench-$(python3 -c 'import secrets; print(secrets.token_hex(4))'):"
export ENVOYX_ADMIN_TOKEN="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
export ENVOYX_BUILD=never ENVOYX_WORK_DIR="$work" ENVOYX_BLOB_DIR="$work/blobs" ENVOYX_UPLOAD_TMP_DIR="$work/uploads"
export ENVOYX_SESSION_COOKIE_SECURE=false
# Databases of this run, named like test databases so that a left-over one is swept by the next test run.
stamp="$(date -u +%Y%m%d%H%M%S)_$(python3 -c 'import secrets; print(secrets.token_hex(3))')"
export ENVOYX_AUTH_DB="envoyx_auth_test_$stamp" ENVOYX_INVOICE_DB="envoyx_invoice_test_$stamp"

(cd "$root" && exec bash deploy/local/up.sh) >"$work/suite.log" 2>&1 &
suite=$!
cleanup() {
  kill "$suite" 2>/dev/null || true
  wait "$suite" 2>/dev/null || true
  rm -rf "$work/blobs" "$work/uploads"
  if command -v psql >/dev/null; then
    for db in "$ENVOYX_AUTH_DB" "$ENVOYX_INVOICE_DB"; do
      psql -q -h "${ENVOYX_PG_HOST:-127.0.0.1}" -p "${ENVOYX_PG_PORT:-5432}" -U "${ENVOYX_PG_USER:-postgres}" \
        -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" postgres >/dev/null 2>&1 || true
    done
  fi
  echo "bench: suite log kept in $work/suite.log"
}
trap cleanup EXIT

for _ in $(seq 1 240); do
  grep -q "envoyx: all services are ready." "$work/suite.log" && break
  kill -0 "$suite" 2>/dev/null || { tail -40 "$work/suite.log"; exit 1; }
  sleep 1
done
grep -q "envoyx: all services are ready." "$work/suite.log" || { echo "bench: suite not ready" >&2; exit 1; }

auth="http://127.0.0.1:$ENVOYX_AUTH_HTTP_PORT"
invoice="http://127.0.0.1:$ENVOYX_INVOICE_HTTP_PORT"
email="bench-$(date +%s)@example.com"
curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"bench password 123456\",\"name\":\"Bench\"}" \
  "$auth/api/v1/auth/register" >/dev/null
bearer="$(curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"bench password 123456\"}" \
  "$auth/api/v1/auth/login" | json_field '["data"]["access_token"]')"
created="$(curl -fsS -H 'Content-Type: application/json' -H "Authorization: Bearer $bearer" -d '{"name":"Processing benchmark"}' \
  "$auth/api/v1/api-keys")"
key="$(echo "$created" | json_field '["data"]["key"]')"
key_id="$(echo "$created" | json_field '["data"]["id"]')"
curl -fsS -X PATCH -H 'Content-Type: application/json' -H "Authorization: Bearer $ENVOYX_ADMIN_TOKEN" \
  -d '{"requests_per_minute":1000000,"uploads_per_hour":1000000}' "$auth/api/v1/admin/api-keys/$key_id/limits" >/dev/null

# The key reaches the benchmark through its environment, never its command line.
ENVOYX_API_KEY="$key" java -cp "$app/lib/boot/*:$app/lib/main/*" "$root/invoice-service/bench/ProcessingBench.java" \
  "$invoice" "${N:-50}" "${FANOUT_UPLOADS:-200}" "${FANOUT_THREADS:-4}"
