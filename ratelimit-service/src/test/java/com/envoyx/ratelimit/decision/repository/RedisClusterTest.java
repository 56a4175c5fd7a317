package com.envoyx.ratelimit.decision.repository;

import static com.envoyx.ratelimit.testing.Requests.general;
import static com.envoyx.ratelimit.testing.Requests.refund;
import static com.envoyx.ratelimit.testing.Requests.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.envoyx.contracts.ratelimit.v1.AcquireLeaseRequest;
import com.envoyx.contracts.ratelimit.v1.CheckResponse;
import com.envoyx.contracts.ratelimit.v1.Limit;
import com.envoyx.contracts.ratelimit.v1.UsageRequest;
import com.envoyx.contracts.ratelimit.v1.UsageResponse;
import com.envoyx.infra.testing.LocalRedisCluster;
import com.envoyx.ratelimit.testing.GrpcTestSupport;
import com.envoyx.ratelimit.testing.HashSlots;
import com.envoyx.ratelimit.testing.RedisClusterProfile;
import com.envoyx.ratelimit.testing.RedisProbe;
import com.envoyx.ratelimit.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The service on a real three-master Redis Cluster: exact limits per key wherever its slot lives. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class RedisClusterTest extends GrpcTestSupport {

    @Test
    void parallelChecksAdmitExactlyTheLimitForKeysOnEveryMaster() throws Exception {
        Map<String, Integer> keys = keyIdsOnEveryMaster(2);
        Map<String, String> tokens = new HashMap<>();
        List<String> schedule = new ArrayList<>();
        for (String keyId : keys.keySet()) {
            tokens.put(keyId, TestTokens.forKey(keyId));
            schedule.addAll(Collections.nCopies(200, keyId));
        }
        Collections.shuffle(schedule, new Random(8));

        Map<String, Integer> allowed = new HashMap<>();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Callable<CheckResponse>> calls = schedule.stream()
                    .<Callable<CheckResponse>>map(keyId -> () -> grpc.blocking().check(general(tokens.get(keyId))))
                    .toList();
            List<Future<CheckResponse>> answers = callers.invokeAll(calls);
            for (int i = 0; i < answers.size(); i++) {
                CheckResponse response = answers.get(i).get();
                assertFalse(response.getDegraded(), "every decision came from the cluster");
                if (response.getAllowed()) {
                    allowed.merge(schedule.get(i), 1, Integer::sum);
                }
            }
        } finally {
            callers.shutdownNow();
        }
        for (Map.Entry<String, Integer> key : keys.entrySet()) {
            assertEquals(100, allowed.get(key.getKey()), "key on master " + key.getValue());
            assertEquals("100", LocalRedisCluster.cli(key.getValue(), "ZCARD", windowKey(key.getKey(), "general")),
                    "the window lives on the master that owns the key's slot");
        }
    }

    @Test
    void everyKeyOfOneApiKeyLivesOnTheMasterOfItsHashTag() {
        for (Map.Entry<String, Integer> key : keyIdsOnEveryMaster(1).entrySet()) {
            String token = TestTokens.forKey(key.getKey());
            assertTrue(grpc.blocking().check(upload(token)).getAllowed());
            assertTrue(grpc.blocking().acquireLease(lease(token)).getGranted());
            for (String suffix : List.of("general", "uploads", "ws", "usage")) {
                String redisKey = windowKey(key.getKey(), suffix);
                assertEquals(Integer.toString(HashSlots.slot(redisKey)),
                        LocalRedisCluster.cli(key.getValue(), "CLUSTER", "KEYSLOT", redisKey), "our slot function agrees with Redis");
                assertEquals("1", LocalRedisCluster.cli(key.getValue(), "EXISTS", redisKey), redisKey);
            }
        }
    }

    @Test
    void everyMasterLearnsFlushedScriptsFromTheEvalFallback() {
        List<Integer> ports = masters();
        for (int port : ports) {
            assertEquals("OK", LocalRedisCluster.cli(port, "SCRIPT", "FLUSH"));
        }
        for (Map.Entry<String, Integer> key : keyIdsOnEveryMaster(1).entrySet()) {
            String token = TestTokens.forKey(key.getKey());
            CheckResponse charged = grpc.blocking().check(upload(token).toBuilder().setRequestId("cluster-upload").build());
            assertTrue(charged.getAllowed());
            assertFalse(charged.getDegraded());
            assertTrue(grpc.blocking().acquireLease(lease(token)).getGranted());
            assertTrue(grpc.blocking().refund(refund(token, "cluster-upload")).getRefunded());
            UsageResponse usage = grpc.blocking().getUsage(UsageRequest.newBuilder().setToken(token).build());
            assertEquals(1, usage.getHourly(usage.getHourlyCount() - 1).getRequests(), "a refund keeps the usage count");
            assertEquals(99, grpc.blocking().check(general(token)).getDeciding().getRemaining(), "the refund returned the charge");
        }
        for (int port : ports) {
            List<String> loaded = Arrays.asList(LocalRedisCluster.cli(port, "SCRIPT", "EXISTS",
                    LuaScript.CHECK.sha(), LuaScript.LEASE.sha(), LuaScript.REFUND.sha(), LuaScript.USAGE.sha()).split("\n"));
            assertEquals(List.of("1", "1", "1", "1"), loaded, "scripts cached again on master " + port);
        }
    }

    /** Fresh key ids, {@code perMaster} for each master, with the port of the master owning each. */
    private static Map<String, Integer> keyIdsOnEveryMaster(int perMaster) {
        List<Integer> ports = masters();
        Map<Integer, Integer> found = new HashMap<>();
        Map<String, Integer> keys = new LinkedHashMap<>();
        while (keys.size() < perMaster * ports.size()) {
            String keyId = TestTokens.newKeyId();
            int master = LocalRedisCluster.masterOf(ports.get(0), HashSlots.slot(windowKey(keyId, "general")));
            if (found.merge(master, 1, Integer::sum) <= perMaster) {
                keys.put(keyId, master);
            }
        }
        return keys;
    }

    private static String windowKey(String keyId, String suffix) {
        return RedisProbe.keyPrefix() + "rl:{" + keyId + "}:" + suffix;
    }

    /** Every master of the cluster the service was pointed at, whichever seed nodes it was given. */
    private static List<Integer> masters() {
        String seed = ConfigProvider.getConfig().getValue("quarkus.redis.hosts", String.class).split(",")[0];
        List<Integer> masters = LocalRedisCluster.masters(URI.create(seed.trim()).getPort());
        assertEquals(3, masters.size(), "a three-master cluster");
        return masters;
    }

    private static AcquireLeaseRequest lease(String token) {
        return AcquireLeaseRequest.newBuilder().setToken(token).setLimit(Limit.WEBSOCKET_CONNECTIONS).build();
    }
}
