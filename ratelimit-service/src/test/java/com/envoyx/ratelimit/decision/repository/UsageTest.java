package com.envoyx.ratelimit.decision.repository;

import static com.envoyx.ratelimit.testing.Requests.general;
import static com.envoyx.ratelimit.testing.Requests.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.envoyx.contracts.ratelimit.v1.UsageBucket;
import com.envoyx.contracts.ratelimit.v1.UsageRequest;
import com.envoyx.contracts.ratelimit.v1.UsageResponse;
import com.envoyx.ratelimit.testing.GrpcTestSupport;
import com.envoyx.ratelimit.testing.RedisProbe;
import com.envoyx.ratelimit.testing.ServiceTestResource;
import com.envoyx.ratelimit.testing.TestTokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class UsageTest extends GrpcTestSupport {

    @Test
    void acceptedRequestsAreCountedPerHourAndDay() {
        String keyId = TestTokens.newKeyId();
        String token = TestTokens.forKey(keyId, Map.of("requests_per_minute", 3));
        long before = System.currentTimeMillis();
        assertTrue(grpc.blocking().check(general(token)).getAllowed());
        assertTrue(grpc.blocking().check(upload(token)).getAllowed());
        assertTrue(grpc.blocking().check(general(token)).getAllowed());
        assertFalse(grpc.blocking().check(general(token)).getAllowed(), "refused requests are not usage");

        UsageResponse usage = grpc.blocking().getUsage(UsageRequest.newBuilder().setToken(token).build());
        assertBuckets(usage.getHourlyList(), 24, 3600);
        assertBuckets(usage.getDailyList(), 30, 86400);
        long nowSeconds = System.currentTimeMillis() / 1000;
        assertEquals(nowSeconds / 3600 * 3600, usage.getHourly(23).getStart());
        assertEquals(nowSeconds / 86400 * 86400, usage.getDaily(29).getStart());
        assertEquals(3, usage.getHourly(23).getRequests());
        assertEquals(3, usage.getDaily(29).getRequests());
        assertEquals(3, usage.getHourlyList().stream().mapToLong(UsageBucket::getRequests).sum());
        assertTrue(usage.getLastUsedAt() >= before - 1000 && usage.getLastUsedAt() <= System.currentTimeMillis() + 1000,
                "last used " + usage.getLastUsedAt());
    }

    @Test
    void aNeverUsedKeyHasZerosEverywhere() {
        UsageResponse usage = grpc.blocking().getUsage(UsageRequest.newBuilder()
                .setToken(TestTokens.forKey(TestTokens.newKeyId())).build());
        assertBuckets(usage.getHourlyList(), 24, 3600);
        assertEquals(0, usage.getHourlyList().stream().mapToLong(UsageBucket::getRequests).sum());
        assertEquals(0, usage.getDailyList().stream().mapToLong(UsageBucket::getRequests).sum());
        assertEquals(0, usage.getLastUsedAt());
    }

    @Test
    void oldBucketsAreTrimmedWhenANewHourStarts() {
        String keyId = TestTokens.newKeyId();
        String usageKey = RedisProbe.keyPrefix() + "rl:{" + keyId + "}:usage";
        long hour = System.currentTimeMillis() / 3_600_000;
        long day = System.currentTimeMillis() / 86_400_000;
        RedisProbe.command("HSET", usageKey, "h:" + (hour - 30), "7", "h:" + (hour - 5), "2", "d:" + (day - 40), "9",
                "d:" + (day - 3), "4");

        assertTrue(grpc.blocking().check(general(TestTokens.forKey(keyId))).getAllowed());

        assertEquals(":0", RedisProbe.command("HEXISTS", usageKey, "h:" + (hour - 30)));
        assertEquals(":0", RedisProbe.command("HEXISTS", usageKey, "d:" + (day - 40)));
        UsageResponse usage = grpc.blocking().getUsage(UsageRequest.newBuilder().setToken(TestTokens.forKey(keyId)).build());
        assertEquals(2, usage.getHourly(18).getRequests());
        assertEquals(4, usage.getDaily(26).getRequests());
        long ttl = Long.parseLong(RedisProbe.command("TTL", usageKey).substring(1));
        assertTrue(ttl > 30L * 86400 && ttl <= 31L * 86400, "an idle key's usage expires: " + ttl);
    }

    private static void assertBuckets(List<UsageBucket> buckets, int count, long size) {
        assertEquals(count, buckets.size());
        for (int i = 1; i < buckets.size(); i++) {
            assertEquals(size, buckets.get(i).getStart() - buckets.get(i - 1).getStart(), "oldest first, no gaps");
        }
    }
}
