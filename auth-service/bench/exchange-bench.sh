#!/usr/bin/env bash
# Exchange benchmark against a running auth-service: signs up a throwaway account, creates keys,
# and runs ExchangeBench (uncached/cached latency, throughput, plain indexed SELECT for comparison).
# Prints figures; it is not a test. Build the module first (mvn -B -pl auth-service install).
#
# Environment (defaults are the local suite's): AUTH_HTTP (http://127.0.0.1:8081), AUTH_GRPC_HOST
# (127.0.0.1), AUTH_GRPC_PORT (9081), ENVOYX_PG_HOST/PORT/USER/PASSWORD, ENVOYX_AUTH_DB
# (envoyx_auth), ENVOYX_KEY_PEPPER (the service's; the launcher prints the file it keeps it in), KEYS (200), CONCURRENCY (16), DURATION
# (seconds of the throughput run, 10), ENVOYX_LOCAL_IMAP_PORT (3143: the launcher's local mail
# server, where the sign-up's verification mail is read; VERIFY=off when the service runs with
# ENVOYX_EMAIL_VERIFICATION=off).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
app="$here/../target/quarkus-app"
auth_http="${AUTH_HTTP:-http://127.0.0.1:8081}"
keys="${KEYS:-200}"
[ -d "$app" ] || { echo "build auth-service first: mvn -B -pl auth-service install" >&2; exit 1; }

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

email="bench-$(date +%s)-$RANDOM@example.com"
password="benchmark password $RANDOM"
curl -sf -X POST "$auth_http/api/v1/auth/register" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\",\"name\":\"Benchmark\"}" > /dev/null
if [ "${VERIFY:-mail}" != "off" ]; then
    # Keys need a verified address: read the sign-up mail over IMAP (user and password: the
    # address) from the launcher's local mail server and open its link, as the owner would.
    link="$(python3 - "$email" "${ENVOYX_LOCAL_IMAP_PORT:-3143}" <<'PY'
import email, imaplib, re, sys, time
address, port = sys.argv[1], int(sys.argv[2])
for _ in range(60):
    try:
        box = imaplib.IMAP4("127.0.0.1", port)
        box.login(address, address)
        box.select("INBOX")
        for number in box.search(None, "ALL")[1][0].split():
            message = email.message_from_bytes(box.fetch(number, "(RFC822)")[1][0][1])
            for part in message.walk():
                if part.get_content_type() == "text/plain":
                    found = re.search(r"https?://\S+/verify-email\?token=\S+", part.get_payload(decode=True).decode())
                    if found:
                        print(found.group())
                        sys.exit(0)
    except imaplib.IMAP4.error:
        pass  # the mailbox exists once the first mail arrived
    time.sleep(0.5)
sys.exit("no verification mail for " + address)
PY
)"
    curl -sf "$link" > /dev/null
fi
token="$(curl -sf -X POST "$auth_http/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\"}" | json "['data']['access_token']")"

keys_file="$(mktemp)"
trap 'rm -f "$keys_file"' EXIT
for _ in $(seq 1 "$keys"); do
    curl -sf -X POST "$auth_http/api/v1/api-keys" -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' -d '{"name":"Benchmark key"}' | json "['data']['key']" >> "$keys_file"
done

java -cp "$app/app/*:$app/lib/main/*" "$here/ExchangeBench.java" \
    "${AUTH_GRPC_HOST:-127.0.0.1}" "${AUTH_GRPC_PORT:-9081}" "$keys_file" \
    "jdbc:postgresql://${ENVOYX_PG_HOST:-127.0.0.1}:${ENVOYX_PG_PORT:-5432}/${ENVOYX_AUTH_DB:-envoyx_auth}" \
    "${ENVOYX_PG_USER:-postgres}" "${ENVOYX_PG_PASSWORD:-}" "${CONCURRENCY:-16}" "${DURATION:-10}"
