#!/usr/bin/env bash
# Benchmark of ratelimit-service (a script, not a test): starts the packaged service against the
# Redis at ENVOYX_REDIS_HOST:ENVOYX_REDIS_PORT (default 127.0.0.1:6379) with a fresh key prefix,
# then prints decisions/s and p50/p99 at 1, 16 and 64 callers of CheckBatch (through a coalescing
# client, as invoice-service calls) and of unary Check, beside the raw-Redis ceiling (same script,
# same arguments, one decision per call) and Bucket4j's Lettuce backend on the same Redis (built
# from bench/bucket4j; skipped with a note when it cannot be built), then bytes per API key in Redis
# at 100/min and at 1,000,000/min. BENCH_JFR=<file> records the service with JFR (settings=profile).
#
# Needs a build first: mvn -B -o -DskipTests package -pl ratelimit-service -am   (from the repository root)
# Usage: ratelimit-service/bench/ratelimit-bench.sh [decisions per level, default 20000]
set -euo pipefail

module="$(cd "$(dirname "$0")/.." && pwd)"
cd "$module"
decisions="${1:-20000}"
redis_host="${ENVOYX_REDIS_HOST:-127.0.0.1}"
redis_port="${ENVOYX_REDIS_PORT:-6379}"
prefix="bench-$(date +%s)-$$:"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http_port="$(free_port)"
grpc_port="$(free_port)"

[[ -f target/quarkus-app/quarkus-run.jar ]] || { echo "build first: mvn -B -o -DskipTests package -pl ratelimit-service -am" >&2; exit 1; }
classpath_file="target/bench-classpath.txt"
# Through the reactor, so contracts and infra come from their target/classes (nothing is installed).
(cd .. && mvn -B -o -q -pl ratelimit-service -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null)
classpath="target/test-classes:target/classes:$(cat "$classpath_file")"

# Bucket4j and its Lettuce/Netty 4.2 stay off the service's class path: own build, own class loader.
bucket4j_classpath=""
if mvn -B -q -f bench/bucket4j/pom.xml package >target/bench-bucket4j-build.log 2>&1 \
   && mvn -B -q -f bench/bucket4j/pom.xml dependency:build-classpath -Dmdep.outputFile="$module/target/bench-bucket4j-classpath.txt" >>target/bench-bucket4j-build.log 2>&1; then
  bucket4j_classpath="$module/bench/bucket4j/target/ratelimit-bench-bucket4j-1.0.0-SNAPSHOT.jar:$(cat target/bench-bucket4j-classpath.txt)"
else
  echo "Bucket4j comparison skipped: bench/bucket4j did not build (see target/bench-bucket4j-build.log)" >&2
fi

# The signing key of the tests stands in for auth-service; the service reads its JWKS file.
jwks="$module/target/test-keys/jwks.json"
java -cp "$classpath" com.envoyx.ratelimit.bench.BenchKeys >/dev/null

ENVOYX_RATELIMIT_HTTP_PORT="$http_port" ENVOYX_RATELIMIT_GRPC_PORT="$grpc_port" \
ENVOYX_REDIS_HOST="$redis_host" ENVOYX_REDIS_PORT="$redis_port" ENVOYX_REDIS_KEY_PREFIX="$prefix" \
ENVOYX_AUTH_JWKS_URL="file:$jwks" \
  java -jar target/quarkus-app/quarkus-run.jar >target/bench-service.log 2>&1 &
service_pid=$!
trap 'kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$http_port/q/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$http_port/q/health/ready" >/dev/null || { echo "service did not become ready; see target/bench-service.log" >&2; exit 1; }

if [[ -n "${BENCH_JFR:-}" ]]; then
  jcmd "$service_pid" JFR.start settings=profile name=bench filename="$BENCH_JFR" >/dev/null
fi
echo "ratelimit-service benchmark: $decisions decisions per level, Redis $redis_host:$redis_port, $(nproc) cores"
BENCH_GRPC_PORT="$grpc_port" BENCH_REDIS_URL="redis://$redis_host:$redis_port" BENCH_DECISIONS="$decisions" \
BENCH_SERVICE_PREFIX="$prefix" BENCH_BUCKET4J_CLASSPATH="$bucket4j_classpath" \
  java -cp "$classpath" com.envoyx.ratelimit.bench.RateLimitBenchmark
if [[ -n "${BENCH_JFR:-}" ]]; then
  jcmd "$service_pid" JFR.dump name=bench filename="$BENCH_JFR" >/dev/null
fi
