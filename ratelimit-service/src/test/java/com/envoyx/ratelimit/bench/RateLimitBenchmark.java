package com.envoyx.ratelimit.bench;

import java.util.ArrayList;
import java.util.Arrays;
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
 * per second and p50/p99 latency of gRPC Check at 1, 16 and 64 concurrent callers, side by side
 * with the ceiling, a raw Vert.x Redis client running the same check script with the same
 * arguments on the same Redis, and with Bucket4j's Lettuce backend on the same Redis when
 * {@code BENCH_BUCKET4J_CLASSPATH} names its classes; then memory per active key.
 */
public final class RateLimitBenchmark {

    private static final int[] CALLERS = {1, 16, 64};
    private static final int KEYS = 64;
    /** High enough that every check is accepted: the benchmark measures the decision, not refusals. */
    private static final int BENCH_LIMIT = 100_000_000;

    private RateLimitBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String grpcHost = env("BENCH_GRPC_HOST", "127.0.0.1");
        int grpcPort = Integer.parseInt(env("BENCH_GRPC_PORT", "9082"));
        String redisUrl = env("BENCH_REDIS_URL", "redis://127.0.0.1:6379");
        int decisions = Integer.parseInt(env("BENCH_DECISIONS", "20000"));

        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            tokens.add(TestTokens.forKey(TestTokens.newKeyId(), Map.of("requests_per_minute", BENCH_LIMIT)));
        }
        Bucket4jPeer peer = Bucket4jPeer.load(env("BENCH_BUCKET4J_CLASSPATH", ""), redisUrl,
                "bench-bucket4j-" + UUID.randomUUID().toString().substring(0, 8) + ":", KEYS, BENCH_LIMIT);
        Decision bucket4j = peer == null ? null : peer::consume;
        ManagedChannel channel = ManagedChannelBuilder.forAddress(grpcHost, grpcPort).usePlaintext().directExecutor().build();
        Vertx vertx = Vertx.vertx();
        RedisAPI redis = RedisAPI.api(Redis.createClient(vertx, new RedisOptions()
                .setConnectionString(redisUrl).setMaxPoolSize(32).setMaxPoolWaiting(4096)));
        String rawPrefix = "bench-raw-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        try {
            RateLimiterGrpc.RateLimiterBlockingStub stub = RateLimiterGrpc.newBlockingStub(channel);
            redis.script(List.of("LOAD", LuaScript.CHECK.source())).toCompletionStage().toCompletableFuture().get();
            Decision grpc = index -> stub.withDeadlineAfter(10, TimeUnit.SECONDS).check(CheckRequest.newBuilder()
                    .setToken(tokens.get(index % KEYS)).addLimits(Limit.GENERAL_REQUESTS).build());
            Decision raw = index -> redis.evalsha(rawCheck(rawPrefix, index % KEYS))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

            run("warm-up", grpc, 16, Math.min(decisions, 5000));
            run("warm-up", raw, 16, Math.min(decisions, 5000));
            if (bucket4j != null) {
                run("warm-up", bucket4j, 16, Math.min(decisions, 5000));
            }
            System.out.printf("%n%-8s | %-36s | %-36s | %-36s | %s%n", "callers", "gRPC Check (ratelimit-service)",
                    "raw Redis, same script (ceiling)", bucket4j == null ? "Bucket4j: not run" : "Bucket4j Lettuce tryConsume",
                    "gRPC / raw, gRPC / Bucket4j");
            System.out.printf("%-8s | %10s %12s %12s | %10s %12s %12s | %10s %12s %12s |%n", "", "dec/s", "p50 ms", "p99 ms",
                    "dec/s", "p50 ms", "p99 ms", "dec/s", "p50 ms", "p99 ms");
            for (int callers : CALLERS) {
                Result service = run("grpc", grpc, callers, decisions);
                Result ceiling = run("raw", raw, callers, decisions);
                Result bucket = bucket4j == null ? null : run("bucket4j", bucket4j, callers, decisions);
                System.out.printf("%-8d | %s | %s | %s | %5.0f %%, %s%n", callers, service, ceiling,
                        bucket == null ? String.format("%36s", "-") : bucket,
                        100 * service.perSecond() / ceiling.perSecond(),
                        bucket == null ? "-" : String.format("%.0f %%", 100 * service.perSecond() / bucket.perSecond()));
            }
            System.out.println();
            System.out.println(memoryPerActiveKey(stub, redis, env("BENCH_SERVICE_PREFIX", "envoyx:")));
        } finally {
            channel.shutdownNow();
            vertx.close();
            if (peer != null) {
                peer.close();
            }
        }
    }

    /** One key used up to the default limits: 100 general requests, 100 of them uploads. */
    private static String memoryPerActiveKey(RateLimiterGrpc.RateLimiterBlockingStub stub, RedisAPI redis, String prefix)
            throws Exception {
        String keyId = TestTokens.newKeyId();
        String token = TestTokens.forKey(keyId);
        for (int i = 0; i < 100; i++) {
            stub.check(CheckRequest.newBuilder().setToken(token)
                    .addLimits(Limit.GENERAL_REQUESTS).addLimits(Limit.INVOICE_UPLOADS).build());
        }
        long total = 0;
        StringBuilder parts = new StringBuilder();
        for (String suffix : new String[] {"general", "uploads", "usage"}) {
            long bytes = redis.memory(List.of("USAGE", prefix + "rl:{" + keyId + "}:" + suffix))
                    .toCompletionStage().toCompletableFuture().get().toLong();
            total += bytes;
            parts.append(' ').append(suffix).append('=').append(bytes).append(" B");
        }
        return "memory per active key at its full default limits:" + parts + ", total " + total + " B";
    }

    private static List<String> rawCheck(String prefix, int key) {
        String base = prefix + "rl:{key-" + key + "}:";
        return List.of(LuaScript.CHECK.sha(), "2", base + "general", base + "usage",
                "1", "1", UUID.randomUUID().toString(),
                Integer.toString(UsageRetention.HOURS_KEPT), Integer.toString(UsageRetention.DAYS_KEPT),
                Long.toString(UsageRetention.IDLE_TTL.toSeconds()),
                Integer.toString(BENCH_LIMIT), "60000000");
    }

    private static Result run(String name, Decision decision, int callers, int total) throws Exception {
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

        @Override
        public String toString() {
            return String.format("%10.0f %12.3f %12.3f", perSecond, p50, p99);
        }
    }
}
