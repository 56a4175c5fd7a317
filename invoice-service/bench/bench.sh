#!/usr/bin/env bash
# Benchmark of invoice-service (issue 5). A script, not a test: it prints numbers.
#
# Starts the packaged suite with deploy/local/up.sh (ENVOYX_BUILD=never: package first with
# `mvn -B -DskipTests package` for infra and the three services), creates an account and a key
# whose limits are raised out of the way, then measures with wrk (Debian package `wrk`):
#   1. throughput and latency at 64 connections: GET /ping (no key) vs GET /api/v1/me (the whole
#      key chain: cache hit, scope, one ratelimit Check);
#   2. p99 of both at about 500 requests/s (wrk's Lua delay() paces each connection);
#   3. uploads per second of 1 MB and 10 MB PDFs;
#   4. peak RSS (VmHWM) of invoice-service during 20 concurrent 10 MB uploads at -Xmx256m, and
#      whether any OutOfMemoryError was logged.
# Environment: BENCH_SECONDS (default 30) per throughput run, BENCH_UPLOAD_SECONDS (default 10).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${BENCH_SECONDS:-30}"
upload_seconds="${BENCH_UPLOAD_SECONDS:-10}"

command -v wrk >/dev/null || { echo "bench: wrk is needed (apt-get install wrk)" >&2; exit 1; }
# shellcheck source=suite.sh
source "$root/invoice-service/bench/suite.sh"
export ENVOYX_JAVA_OPTS="-Xmx256m -XX:+ExitOnOutOfMemoryError"
start_suite envoyx-bench Benchmark
curl -fsS -H "X-API-Key: $key" "$invoice/api/v1/me" >/dev/null

invoice_pid="$(pgrep -f "$root/invoice-service/target/quarkus-app/quarkus-run.jar" | head -1)"

cat >"$work/paced.lua" <<'LUA'
-- Each connection waits this long between requests: 8 connections x 1 request / 16 ms ~ 500/s.
function delay() return 16 end
LUA

python3 - "$work" <<'PY'
import sys
def pdf(size):
    head = b"%PDF-1.7\n"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>"]
    pad = b"% benchmark padding line...............................................\n" * max(0, (size - 700) // 70)
    objs.append(b"<< /Length %d >>\nstream\n" % len(pad) + pad + b"endstream")
    out, offsets = bytearray(head), []
    for i, o in enumerate(objs):
        offsets.append(len(out)); out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
for name, size in (("1mb", 1_000_000), ("10mb", 10_000_000)):
    boundary = b"envoyxbench"
    body = (b"--" + boundary + b"\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.pdf\"\r\n"
            b"Content-Type: application/pdf\r\n\r\n" + pdf(size) + b"\r\n--" + boundary + b"--\r\n")
    open(f"{sys.argv[1]}/upload-{name}.body", "wb").write(body)
PY
for size in 1mb 10mb; do
  cat >"$work/upload-$size.lua" <<LUA
local f = io.open("$work/upload-$size.body", "rb")
wrk.method = "POST"
wrk.body = f:read("*all")
f:close()
wrk.headers["Content-Type"] = "multipart/form-data; boundary=envoyxbench"
wrk.headers["X-API-Key"] = "$key"
LUA
done

echo "== warm-up"
wrk -t2 -c64 -d10s "$invoice/ping" >/dev/null
wrk -t2 -c64 -d10s -H "X-API-Key: $key" "$invoice/api/v1/me" >/dev/null

echo "== 64 connections, ${seconds}s: baseline GET /ping"
wrk -t2 -c64 -d"${seconds}s" --latency "$invoice/ping" | tee "$work/ping.txt"
echo "== 64 connections, ${seconds}s: GET /api/v1/me (key chain)"
wrk -t2 -c64 -d"${seconds}s" --latency -H "X-API-Key: $key" "$invoice/api/v1/me" | tee "$work/me.txt"

echo "== ~500 requests/s, ${seconds}s: GET /ping"
wrk -t2 -c8 -d"${seconds}s" --latency -s "$work/paced.lua" "$invoice/ping" | tee "$work/ping-paced.txt"
echo "== ~500 requests/s, ${seconds}s: GET /api/v1/me"
wrk -t2 -c8 -d"${seconds}s" --latency -s "$work/paced.lua" -H "X-API-Key: $key" "$invoice/api/v1/me" | tee "$work/me-paced.txt"

echo "== uploads, 4 connections, ${upload_seconds}s: 1 MB"
wrk -t2 -c4 -d"${upload_seconds}s" -s "$work/upload-1mb.lua" "$invoice/api/v1/invoices/upload"
echo "== uploads, 4 connections, ${upload_seconds}s: 10 MB"
wrk -t2 -c4 -d"${upload_seconds}s" -s "$work/upload-10mb.lua" "$invoice/api/v1/invoices/upload"

echo "== 20 concurrent 10 MB uploads, ${upload_seconds}s, invoice-service at -Xmx256m"
wrk -t2 -c20 -d"${upload_seconds}s" --timeout 30s -s "$work/upload-10mb.lua" "$invoice/api/v1/invoices/upload"
echo "invoice-service peak RSS: $(grep VmHWM "/proc/$invoice_pid/status" | awk '{print $2 " " $3}')"
if grep -q "OutOfMemoryError" "$work/suite.log"; then echo "OutOfMemoryError: YES"; else echo "OutOfMemoryError: none"; fi

python3 - "$work" <<'PY'
import re, sys
def parse(path):
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    def pct(p):
        m = re.search(r"\s%s%%\s+([\d.]+)(us|ms|s)\b" % p, text)
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
    return rps, pct(50), pct(99)
w = sys.argv[1]
ping, me = parse(f"{w}/ping.txt"), parse(f"{w}/me.txt")
pp, mp = parse(f"{w}/ping-paced.txt"), parse(f"{w}/me-paced.txt")
print("== summary")
print(f"64 conns: /ping {ping[0]:.0f} req/s p50 {ping[1]:.2f} ms p99 {ping[2]:.2f} ms | "
      f"/api/v1/me {me[0]:.0f} req/s p50 {me[1]:.2f} ms p99 {me[2]:.2f} ms | ratio {me[0] / ping[0]:.2f} (target >= 0.5)")
print(f"~500/s:   /ping {pp[0]:.0f} req/s p99 {pp[2]:.2f} ms | /api/v1/me {mp[0]:.0f} req/s p99 {mp[2]:.2f} ms | "
      f"added p99 {mp[2] - pp[2]:.2f} ms (target < 2)")
PY
