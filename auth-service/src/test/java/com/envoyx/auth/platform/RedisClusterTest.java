package com.envoyx.auth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.envoyx.auth.platform.Sha256;
import com.envoyx.auth.testing.AuthTestProfile;
import com.envoyx.auth.testing.Dashboard;
import com.envoyx.auth.testing.KeyEventListener;
import com.envoyx.auth.testing.NodeSubscriber;
import com.envoyx.auth.testing.RedisClusterProfile;
import com.envoyx.contracts.events.ApiKeyEvents;
import com.envoyx.infra.testing.LocalRedisCluster;
import com.envoyx.infra.testing.RedisClusterTestResource;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;

/** The service on a real three-master Redis Cluster: key events reach every node, login throttling stays exact. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class RedisClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int ATTEMPTS = 12;

    @Inject
    RedisDataSource redis;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "envoyx.redis.key-prefix")
    String keyPrefix;

    @Test
    void revocationIsHeardBySubscribersOnEveryNode() throws InterruptedException {
        Dashboard user = Dashboard.signUp();
        String id = user.createKey("Clustered Server").getString("id");
        String channel = keyPrefix + ApiKeyEvents.CHANNEL;
        List<NodeSubscriber> nodes = new ArrayList<>();
        try (KeyEventListener throughClusterClient = new KeyEventListener(redis, keyPrefix)) {
            for (int port : masters()) {
                nodes.add(new NodeSubscriber(vertx, port, channel));
            }
            user.request().post("/api/v1/api-keys/" + id + "/revoke").then().statusCode(200);

            assertEquals("revoked", throughClusterClient.next(id, WAIT).getString("type"));
            for (NodeSubscriber node : nodes) {
                JsonObject event = new JsonObject(node.next(id, WAIT));
                assertEquals("revoked", event.getString("type"));
                assertEquals(user.accountId(), event.getString("account_id"));
            }
        } finally {
            nodes.forEach(NodeSubscriber::close);
        }
    }

    @Test
    void parallelLoginAttemptsAreCountedExactlyWhicheverMasterHoldsTheEmail() throws Exception {
        Map<String, Integer> emails = emailsOnEveryMaster();
        List<String> schedule = new ArrayList<>();
        emails.keySet().forEach(email -> {
            for (int i = 0; i < ATTEMPTS; i++) {
                schedule.add(email);
            }
        });
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService callers = Executors.newFixedThreadPool(12);
        Map<String, Map<Integer, Integer>> statuses = new HashMap<>();
        try {
            List<Callable<Integer>> calls = schedule.stream().<Callable<Integer>>map(email -> () -> http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/v1/auth/login"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                                    .put("email", email).put("password", "a wrong password").encode()))
                            .build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).toList();
            List<Future<Integer>> answers = callers.invokeAll(calls);
            for (int i = 0; i < answers.size(); i++) {
                statuses.computeIfAbsent(schedule.get(i), email -> new HashMap<>()).merge(answers.get(i).get(), 1, Integer::sum);
            }
        } finally {
            callers.shutdownNow();
        }
        for (Map.Entry<String, Integer> email : emails.entrySet()) {
            int limit = AuthTestProfile.MAX_ATTEMPTS_PER_EMAIL;
            assertEquals(Map.of(401, limit, 429, ATTEMPTS - limit), statuses.get(email.getKey()), "email on master " + email.getValue());
            assertEquals(Integer.toString(ATTEMPTS), LocalRedisCluster.cli(email.getValue(), "GET", emailKey(email.getKey())),
                    "the counter lives on the master that owns its slot");
        }
    }

    /** One unknown email per master, with the port of the master holding its login counter. */
    private Map<String, Integer> emailsOnEveryMaster() {
        List<Integer> masters = masters();
        Map<String, Integer> emails = new LinkedHashMap<>();
        while (emails.size() < masters.size()) {
            String email = "nobody-" + UUID.randomUUID() + "@example.com";
            int slot = Integer.parseInt(LocalRedisCluster.cli(masters.get(0), "CLUSTER", "KEYSLOT", emailKey(email)));
            int master = LocalRedisCluster.masterOf(masters.get(0), slot);
            if (!emails.containsValue(master)) {
                emails.put(email, master);
            }
        }
        return emails;
    }

    private String emailKey(String email) {
        return keyPrefix + "login:email:" + Sha256.hex(email.toLowerCase(Locale.ROOT));
    }

    private static List<Integer> masters() {
        List<Integer> masters = LocalRedisCluster.masters(RedisClusterTestResource.configuredNodePorts().get(0));
        assertEquals(3, masters.size(), "a three-master cluster");
        return masters;
    }
}
