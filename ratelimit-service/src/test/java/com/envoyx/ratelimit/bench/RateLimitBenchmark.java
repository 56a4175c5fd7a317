package com.envoyx.ratelimit.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.envoyx.contracts.ratelimit.v1.CheckRequest;
import com.envoyx.contracts.ratelimit.v1.CheckResponse;
import com.envoyx.contracts.ratelimit.v1.Limit;
import com.envoyx.contracts.ratelimit.v1.RateLimiterGrpc;
import com.envoyx.ratelimit.decision.model.UsageRetention;
import com.envoyx.ratelimit.decision.repository.LuaScript;
import com.envoyx.ratelimit.testing.TestTokens;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;

/**
 * Benchmark, not a test (run by bench/ratelimit-bench.sh against a running service): decisions
 * per second and p50/p99 latency at 1, 16 and 64 concurrent callers of CheckBatch through a
 * coalescing client (the way invoice-service calls) and of unary Check, side by side with the
 * ceiling, a raw Vert.x Redis client running the same check script with the same arguments (one
 * decision per call) on the same Redis, and with Bucket4j's Lettuce backend on the same Redis when
 * {@code BENCH_BUCKET4J_CLASSPATH} names its classes; then bytes per API key in Redis at 100/min
 * and at 1,000,000/min.
 */
public final class RateLimitBenchmark {

    private static final int[] CALLERS = {1, 16, 64};
    private static final int KEYS = 64;
    /** An operator-raised limit (kept in buckets) that no key reaches during the run: the benchmark measures decisions. */
    private static final int BENCH_LIMIT = 1_000_000;
    private static final long WINDOW_MICROS = 60_000_000;
    /** The service's defaults: 60 buckets per window, limits above 1,000 in buckets. */
    private static final long BUCKET_WIDTH_MICROS = WINDOW_MICROS / 60;

    private RateLimitBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String grpcHost = env("BENCH_GRPC_HOST", "127.0.0.1");
        int grpcPort = Integer.parseInt(env("BENCH_GRPC_PORT", "9082"));
        String redisUrl = env("BENCH_REDIS_URL", "redis://127.0.0.1:6379");
        int decisions = Integer.parseInt(env("BENCH_DECISIONS", "20000"));
        String servicePrefix = env("BENCH_SERVICE_PREFIX", "envoyx:");

        List<String> keyIds = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            keyIds.add(TestTokens.newKeyId());
            tokens.add(TestTokens.forKey(keyIds.get(i), Map.of("requests_per_minute", BENCH_LIMIT)));
        }
        Bucket4jPeer peer = Bucket4jPeer.load(env("BENCH_BUCKET4J_CLASSPATH", ""), redisUrl,
                "bench-bucket4j-" + UUID.randomUUID().toString().substring(0, 8) + ":", KEYS, BENCH_LIMIT);
        Decision bucket4j = peer == null ? null : peer::consume;
        ManagedChannel channel = ManagedChannelBuilder.forAddress(grpcHost, grpcPort).usePlaintext().directExecutor().build();
        Vertx vertx = Vertx.vertx();
        RedisAPI redis = RedisAPI.api(Redis.createClient(vertx, new RedisOptions()
                .setConnectionString(redisUrl).setMaxPoolSize(32).setMaxPoolWaiting(4096)));
        String rawPrefix = "bench-raw-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        CoalescingClient coalescing = new CoalescingClient(RateLimiterGrpc.newFutureStub(channel));
        try {
            RateLimiterGrpc.RateLimiterBlockingStub stub = RateLimiterGrpc.newBlockingStub(channel);
            redis.script(List.of("LOAD", LuaScript.CHECK.source())).toCompletionStage().toCompletableFuture().get();
            Decision batched = index -> admitted(coalescing.check(general(tokens.get(index % KEYS))));
            Decision unary = index -> admitted(stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(general(tokens.get(index % KEYS))));
            Decision raw = index -> redis.evalsha(rawCheck(rawPrefix, index % KEYS))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

            int warmUp = Math.min(decisions, 5000);
            run(batched, 16, warmUp);
            run(unary, 16, warmUp);
            run(raw, 16, warmUp);
            if (bucket4j != null) {
                run(bucket4j, 16, warmUp);
            }
            System.out.printf("%n%-7s | %-30s | %-30s | %-30s | %-30s | %s%n", "callers", "CheckBatch, coalescing client",
                    "unary Check", "raw Redis, same script (ceiling)",
                    bucket4j == null ? "Bucket4j: not run" : "Bucket4j Lettuce tryConsume",
                    "batch/raw  unary/raw  batch/Bucket4j");
            System.out.printf("%-7s |%s |%s |%s |%s |%n", "", Result.HEADER, Result.HEADER, Result.HEADER, Result.HEADER);
            for (int callers : CALLERS) {
                Result batch = run(batched, callers, decisions);
                Result single = run(unary, callers, decisions);
                Result ceiling = run(raw, callers, decisions);
                Result bucket = bucket4j == null ? null : run(bucket4j, callers, decisions);
                System.out.printf("%-7d |%s |%s |%s |%s | %6.0f %% %8.0f %% %12s%n", callers, batch, single, ceiling,
                        bucket == null ? String.format("%30s", "-") : bucket,
                        100 * batch.perSecond() / ceiling.perSecond(), 100 * single.perSecond() / ceiling.perSecond(),
                        bucket == null ? "-" : String.format("%.0f %%", 100 * batch.perSecond() / bucket.perSecond()));
            }
            System.out.println();
            String slow = TestTokens.newKeyId();
            String slowToken = TestTokens.forKey(slow);
            int admitted = 0;
            for (int i = 0; i < 150; i++) {
                admitted += stub.check(general(slowToken)).getAllowed() ? 1 : 0;
            }
            System.out.println("bytes per key in Redis, every key of the API key (MEMORY USAGE):");
            System.out.println("  100/min (default, exact log), 150 checks, " + admitted + " admitted: "
                    + bytesOfKey(redis, servicePrefix, slow));
            System.out.println("  1,000,000/min (buckets), after the run drove it at full speed ("
                    + (2 * warmUp + 6 * decisions) / KEYS + " admitted): " + bytesOfKey(redis, servicePrefix, keyIds.get(0)));
        } finally {
            channel.shutdownNow();
            vertx.close();
            if (peer != null) {
                peer.close();
            }
        }
    }

    private static void admitted(CheckResponse response) {
        if (!response.getAllowed()) {
            throw new IllegalStateException("the benchmark limit was reached: " + response);
        }
    }

    private static CheckRequest general(String token) {
        return CheckRequest.newBuilder().setToken(token).addLimits(Limit.GENERAL_REQUESTS).build();
    }

    /** Every Redis key of one API key (they share its hash tag), each with its MEMORY USAGE, and their total. */
    private static String bytesOfKey(RedisAPI redis, String prefix, String keyId) throws Exception {
        List<String> names = new ArrayList<>();
        for (var name : redis.keys(prefix + "rl:{" + keyId + "}:*").toCompletionStage().toCompletableFuture().get()) {
            names.add(name.toString());
        }
        Collections.sort(names);
        long total = 0;
        StringBuilder parts = new StringBuilder();
        for (String name : names) {
            long bytes = redis.memory(List.of("USAGE", name)).toCompletionStage().toCompletableFuture().get().toLong();
            total += bytes;
            parts.append(' ').append(name.substring(name.lastIndexOf('}') + 2)).append('=').append(bytes);
        }
        return total + " B (" + parts.toString().trim() + ")";
    }

    /** What the service sends for one general check of a key at BENCH_LIMIT: a batch of one decision. */
    private static List<String> rawCheck(String prefix, int key) {
        String base = prefix + "rl:{key-" + key + "}:";
        return List.of(LuaScript.CHECK.sha(), "3", base + "general", base + "general:b", base + "usage",
                Integer.toString(UsageRetention.HOURS_KEPT), Integer.toString(UsageRetention.DAYS_KEPT),
                Long.toString(UsageRetention.IDLE_TTL.toSeconds()), "1",
                "1", "1", UUID.randomUUID().toString(),
                Integer.toString(BENCH_LIMIT), Long.toString(WINDOW_MICROS), Long.toString(BUCKET_WIDTH_MICROS), "1");
    }

    private static Result run(Decision decision, int callers, int total) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Callable<long[]>> work = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            work.add(() -> {
                long[] latencies = new long[total];
                int count = 0;
                int index;
                while ((index = next.getAndIncrement()) < total) {
                    long start = System.nanoTime();
                    decision.decide(index);
                    latencies[count++] = System.nanoTime() - start;
                }
                return Arrays.copyOf(latencies, count);
            });
        }
        long start = System.nanoTime();
        List<Future<long[]>> done = pool.invokeAll(work);
        long elapsed = System.nanoTime() - start;
        pool.shutdown();
        long[] all = new long[total];
        int at = 0;
        for (Future<long[]> caller : done) {
            long[] latencies = caller.get();
            System.arraycopy(latencies, 0, all, at, latencies.length);
            at += latencies.length;
        }
        Arrays.sort(all);
        return new Result(total * 1e9 / elapsed, all[total / 2] / 1e6, all[(int) (total * 0.99)] / 1e6);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @FunctionalInterface
    private interface Decision {
        void decide(int index) throws Exception;
    }

    private record Result(double perSecond, double p50, double p99) {

        static final String HEADER = String.format("%10s %9s %9s", "dec/s", "p50 ms", "p99 ms");

        @Override
        public String toString() {
            return String.format("%10.0f %9.2f %9.2f", perSecond, p50, p99);
        }
    }
}
