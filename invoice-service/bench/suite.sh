# Sourced by the invoice-service benchmarks: starts the packaged suite on free ports with
# deploy/local/up.sh (ENVOYX_BUILD=never), in databases and a Redis prefix of its own, stops it
# and drops them on exit, and creates an account and a key whose request and upload limits are
# raised out of the way. Usage: start_suite <work-dir-prefix> <key name>; afterwards $work,
# $auth, $invoice, $key, $key_id and $bearer (the account owner's session) are set. Extra settings for the services: export them before.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
json_field() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval("d" + sys.argv[1]))' "$1"; }

start_suite() {
  local prefix="$1" key_name="$2"
  for module in auth-service ratelimit-service invoice-service; do
    [[ -f "$root/$module/target/quarkus-app/quarkus-run.jar" ]] || { echo "bench: package $module first" >&2; exit 1; }
  done
  work="$(mktemp -d "/tmp/$prefix-XXXXXX")"
  export ENVOYX_AUTH_HTTP_PORT="$(free_port)" ENVOYX_AUTH_GRPC_PORT="$(free_port)"
  export ENVOYX_RATELIMIT_HTTP_PORT="$(free_port)" ENVOYX_RATELIMIT_GRPC_PORT="$(free_port)"
  export ENVOYX_INVOICE_HTTP_PORT="$(free_port)"
  export ENVOYX_REDIS_KEY_PREFIX="bench-$(python3 -c 'import secrets; print(secrets.token_hex(4))'):"
  export ENVOYX_ADMIN_TOKEN="$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
  export ENVOYX_BUILD=never ENVOYX_WORK_DIR="$work" ENVOYX_BLOB_DIR="$work/blobs" ENVOYX_UPLOAD_TMP_DIR="$work/uploads"
  export ENVOYX_SESSION_COOKIE_SECURE=false
  # Benchmarks measure keys, not accounts: no mail to verify, sign-ups from loopback unthrottled,
  # and the launcher's mail server on ports of this run's own.
  export ENVOYX_EMAIL_VERIFICATION=off ENVOYX_SIGNUP_MAX_PER_ADDRESS=100000 ENVOYX_SIGNUP_MAX_GLOBAL=100000
  export ENVOYX_LOCAL_SMTP_PORT="$(free_port)" ENVOYX_LOCAL_IMAP_PORT="$(free_port)"
  # Databases of this run, named like test databases so that a left-over one is swept by the next test run.
  local stamp
  stamp="$(date -u +%Y%m%d%H%M%S)_$(python3 -c 'import secrets; print(secrets.token_hex(3))')"
  export ENVOYX_AUTH_DB="envoyx_auth_test_$stamp" ENVOYX_INVOICE_DB="envoyx_invoice_test_$stamp"

  (cd "$root" && exec bash deploy/local/up.sh) >"$work/suite.log" 2>&1 &
  suite=$!
  trap stop_suite EXIT

  for _ in $(seq 1 240); do
    grep -q "envoyx: all services are ready." "$work/suite.log" && break
    kill -0 "$suite" 2>/dev/null || { tail -40 "$work/suite.log"; exit 1; }
    sleep 1
  done
  grep -q "envoyx: all services are ready." "$work/suite.log" || { echo "bench: suite not ready" >&2; exit 1; }

  auth="http://127.0.0.1:$ENVOYX_AUTH_HTTP_PORT"
  invoice="http://127.0.0.1:$ENVOYX_INVOICE_HTTP_PORT"
  local email created
  email="bench-$(date +%s)@example.com"
  curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"bench password 123456\",\"name\":\"Bench\"}" \
    "$auth/api/v1/auth/register" >/dev/null
  bearer="$(curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"bench password 123456\"}" \
    "$auth/api/v1/auth/login" | json_field '["data"]["access_token"]')"
  created="$(curl -fsS -H 'Content-Type: application/json' -H "Authorization: Bearer $bearer" -d "{\"name\":\"$key_name\"}" \
    "$auth/api/v1/api-keys")"
  key="$(echo "$created" | json_field '["data"]["key"]')"
  key_id="$(echo "$created" | json_field '["data"]["id"]')"
  curl -fsS -X PATCH -H 'Content-Type: application/json' -H "Authorization: Bearer $ENVOYX_ADMIN_TOKEN" \
    -d '{"requests_per_minute":1000000,"uploads_per_hour":1000000}' "$auth/api/v1/admin/api-keys/$key_id/limits" >/dev/null
}

stop_suite() {
  kill "$suite" 2>/dev/null || true
  wait "$suite" 2>/dev/null || true
  rm -rf "$work/blobs" "$work/uploads" "$work"/*.body
  if command -v psql >/dev/null; then
    for db in "$ENVOYX_AUTH_DB" "$ENVOYX_INVOICE_DB"; do
      psql -q -h "${ENVOYX_PG_HOST:-127.0.0.1}" -p "${ENVOYX_PG_PORT:-5432}" -U "${ENVOYX_PG_USER:-postgres}" \
        -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" postgres >/dev/null 2>&1 || true
    done
  fi
  echo "bench: suite log kept in $work/suite.log"
}
