package com.envoyx.ratelimit.bench.bucket4j;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;

/**
 * Bucket4j's distributed token bucket on Redis through Lettuce (compare-and-swap backend), one
 * bucket per key, as the peer the benchmark compares against. Only JDK types cross into the
 * benchmark ({@link IntPredicate}: decision number → consumed), because this class lives in its own
 * class loader.
 */
public final class Bucket4jDecisions implements IntPredicate, AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final List<BucketProxy> buckets = new ArrayList<>();

    /**
     * @param redisUrl {@code redis://host:port}
     * @param prefix   prefix of the bucket keys
     * @param keys     buckets, used round robin
     * @param limit    capacity and refill per minute of each bucket
     */
    public Bucket4jDecisions(String redisUrl, String prefix, int keys, long limit) {
        this.client = RedisClient.create(redisUrl);
        this.connection = client.connect(ByteArrayCodec.INSTANCE);
        var proxies = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit).refillGreedy(limit, Duration.ofMinutes(1)))
                .build();
        for (int key = 0; key < keys; key++) {
            buckets.add(proxies.builder().build((prefix + "key-" + key).getBytes(StandardCharsets.UTF_8), () -> configuration));
        }
    }

    @Override
    public boolean test(int decision) {
        return buckets.get(decision % buckets.size()).tryConsume(1);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
