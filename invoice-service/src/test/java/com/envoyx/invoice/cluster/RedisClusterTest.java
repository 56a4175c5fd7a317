package com.envoyx.invoice.cluster;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.envoyx.contracts.apikey.ApiKeyEnvironment;
import com.envoyx.contracts.apikey.ApiKeyFormat;
import com.envoyx.contracts.events.ApiKeyEvents;
import com.envoyx.infra.testing.LocalRedisCluster;
import com.envoyx.infra.testing.RedisClusterTestResource;
import com.envoyx.invoice.events.model.InvoiceEvent;
import com.envoyx.invoice.events.model.InvoiceEventMessage;
import com.envoyx.invoice.events.model.InvoiceEventType;
import com.envoyx.invoice.events.service.InvoiceEventChannels;
import com.envoyx.invoice.events.service.InvoiceEventPublisher;
import com.envoyx.invoice.invoices.model.InvoiceStatus;
import com.envoyx.invoice.testing.LiveServices;
import com.envoyx.invoice.testing.LiveServicesResource;
import com.envoyx.invoice.testing.RedisClusterProfile;
import com.envoyx.invoice.testing.TestSocket;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;

/**
 * invoice-service, auth-service and ratelimit-service on one real three-master Redis Cluster: key
 * events drop cached keys, the invalid-key throttle counts exactly on every master, a WebSocket
 * hears events published on any node, and both subscriptions (invoice events, key events) move
 * to a live node when theirs dies. That last test kills masters, so it runs last.
 */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
@WithTestResource(value = LiveServicesResource.class, initArgs = @ResourceArg(name = "redis", value = "cluster"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ATTEMPTS = 12;
    private static final Duration RESUBSCRIBE_WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/api/v1/ws")
    URI http;
    @Inject
    InvoiceEventChannels channels;
    @Inject
    InvoiceEventPublisher publisher;
    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "envoyx.redis.key-prefix")
    String keyPrefix;

    @Test
    @Order(1)
    void revocationDropsTheCachedKeyWithinASecond() throws InterruptedException {
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        LiveServices.CreatedKey key = account.createKey("Revoked on a cluster");
        given().header("X-API-Key", key.key()).when().get("/api/v1/invoices").then().statusCode(200);
        given().header("X-API-Key", key.key()).when().get("/api/v1/invoices").then().statusCode(200);

        account.revoke(key.id());
        assertEquals(403, statusWithinASecond(key.key(), 403), "the cached key still worked a second after its revocation");
    }

    /** Asks with the key until it is answered {@code wanted} or a second has passed; the last status. */
    private static int statusWithinASecond(String key, int wanted) throws InterruptedException {
        long start = System.nanoTime();
        int status = 0;
        while (System.nanoTime() - start < Duration.ofSeconds(1).toNanos()) {
            status = given().header("X-API-Key", key).when().get("/api/v1/invoices").statusCode();
            if (status == wanted) {
                break;
            }
            Thread.sleep(20);
        }
        return status;
    }

    @Test
    @Order(2)
    void invalidKeyAttemptsAreCountedExactlyWhicheverMasterHoldsTheAddress() throws Exception {
        Map<String, Integer> addresses = addressesOnEveryMaster();
        List<String> schedule = new ArrayList<>();
        addresses.keySet().forEach(address -> {
            for (int i = 0; i < ATTEMPTS; i++) {
                schedule.add(address);
            }
        });
        HttpClient client = HttpClient.newHttpClient();
        ExecutorService callers = Executors.newFixedThreadPool(12);
        Map<String, Map<Integer, Integer>> statuses = new HashMap<>();
        try {
            List<Callable<Integer>> calls = schedule.stream().<Callable<Integer>>map(address -> () -> client.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/v1/me"))
                            .header("X-API-Key", ApiKeyFormat.generate(ApiKeyEnvironment.PRODUCTION, RANDOM))
                            .header("X-Forwarded-For", address)
                            .build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).toList();
            List<Future<Integer>> answers = callers.invokeAll(calls);
            for (int i = 0; i < answers.size(); i++) {
                statuses.computeIfAbsent(schedule.get(i), address -> new HashMap<>()).merge(answers.get(i).get(), 1, Integer::sum);
            }
        } finally {
            callers.shutdownNow();
        }
        int limit = RedisClusterProfile.MAX_INVALID_KEY_ATTEMPTS;
        for (Map.Entry<String, Integer> address : addresses.entrySet()) {
            assertEquals(Map.of(403, limit, 429, ATTEMPTS - limit), statuses.get(address.getKey()),
                    "address on master " + address.getValue());
            assertEquals(Integer.toString(limit), LocalRedisCluster.cli(address.getValue(), "GET", throttleKey(address.getKey())),
                    "the counter lives on the master that owns its slot, and counts the invalid keys looked up");
        }
    }

    @Test
    @Order(3)
    void subscriptionsMoveToALiveNodeWhenTheirNodeDies() throws IOException, InterruptedException {
        List<Integer> masters = masters();
        LiveServices.Account owner = LiveServicesResource.services().newAccount();
        LiveServices.CreatedKey key = owner.createKey("Clustered socket");
        LiveServices.CreatedKey cached = owner.createKey("Revoked after the crash");
        UUID account = UUID.fromString(given().header("X-API-Key", key.key()).get("/api/v1/me").path("data.account_id"));
        given().header("X-API-Key", cached.key()).when().get("/api/v1/invoices").then().statusCode(200);
        String invoiceChannel = channels.of(account);
        String keyChannel = keyPrefix + ApiKeyEvents.CHANNEL;
        try (TestSocket socket = TestSocket.open(ws(key.key()), Map.of())) {
            UUID invoice = UUID.randomUUID();
            publisher.publish(InvoiceEvent.of(InvoiceEventType.UPLOADED, account, invoice, InvoiceStatus.PENDING, Instant.now()));
            assertEquals(invoice.toString(), json.readTree(socket.next()).at("/data/id").asText(),
                    "the service's own publish, through the cluster client");
            int socketNode = subscriberNode(invoiceChannel, masters);
            assertPublishedEventArrives(socket, account,
                    masters.stream().filter(port -> port != socketNode).findFirst().orElseThrow());

            Set<Integer> dead = new HashSet<>(List.of(socketNode, subscriberNode(keyChannel, masters)));
            dead.forEach(LocalRedisCluster::kill);
            List<Integer> alive = masters.stream().filter(port -> !dead.contains(port)).toList();

            subscriberNode(invoiceChannel, alive);
            assertPublishedEventArrives(socket, account, alive.get(0));

            subscriberNode(keyChannel, alive);
            owner.revoke(cached.id());
            // auth-service's own PUBLISH may have gone to a dead node; announce it where it surely arrives.
            LocalRedisCluster.cli(alive.get(0), "PUBLISH", keyChannel, new JsonObject()
                    .put(ApiKeyEvents.FIELD_TYPE, ApiKeyEvents.Type.REVOKED.wireName())
                    .put(ApiKeyEvents.FIELD_KEY_ID, cached.id())
                    .put(ApiKeyEvents.FIELD_ACCOUNT_ID, account.toString())
                    .put(ApiKeyEvents.FIELD_AT, System.currentTimeMillis()).encode());
            assertEquals(403, statusWithinASecond(cached.key(), 403), "the resubscribed key events dropped the cached key");
        }
    }

    /** PUBLISHes an event on one node, as another replica would, and expects it on the socket. */
    private void assertPublishedEventArrives(TestSocket socket, UUID account, int node) {
        UUID invoice = UUID.randomUUID();
        InvoiceEvent failed = new InvoiceEvent(InvoiceEventType.FAILED, account, invoice, InvoiceStatus.FAILED,
                Instant.parse("2026-11-27T10:15:30.123456Z"), "published on node " + node);
        LocalRedisCluster.cli(node, "PUBLISH", channels.of(account), InvoiceEventMessage.of(failed).toJson(json));
        assertEquals("{\"event\":\"invoice.failed\",\"data\":{\"id\":\"" + invoice + "\",\"status\":\"FAILED\","
                + "\"timestamp\":\"2026-11-27T10:15:30.123456Z\",\"error_message\":\"published on node " + node + "\"}}",
                socket.next());
    }

    /**
     * The one node among {@code nodes} holding a subscription to the channel (PUBSUB NUMSUB counts
     * a node's own subscribers only); waits for a resubscription to arrive.
     */
    private int subscriberNode(String channel, List<Integer> nodes) {
        long deadline = System.nanoTime() + RESUBSCRIBE_WAIT.toNanos();
        while (true) {
            List<Integer> subscribed = nodes.stream()
                    .filter(port -> LocalRedisCluster.cli(port, "PUBSUB", "NUMSUB", channel).endsWith("\n1"))
                    .toList();
            if (subscribed.size() == 1) {
                return subscribed.get(0);
            }
            assertEquals(List.of(), subscribed, "one subscription per replica, on one node");
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no node has a subscription to " + channel + " after " + RESUBSCRIBE_WAIT);
            }
            sleep(100);
        }
    }

    /** One client address per master, with the port of the master holding its throttle counter. */
    private Map<String, Integer> addressesOnEveryMaster() {
        List<Integer> masters = masters();
        Map<String, Integer> addresses = new LinkedHashMap<>();
        for (int host = 1; addresses.size() < masters.size(); host++) {
            String address = "203.0.113." + host;
            int slot = Integer.parseInt(LocalRedisCluster.cli(masters.get(0), "CLUSTER", "KEYSLOT", throttleKey(address)));
            int master = LocalRedisCluster.masterOf(masters.get(0), slot);
            if (!addresses.containsValue(master)) {
                addresses.put(address, master);
            }
        }
        return addresses;
    }

    private String throttleKey(String address) {
        return keyPrefix + "keythrottle:{" + address + "}";
    }

    private static List<Integer> masters() {
        List<Integer> masters = LocalRedisCluster.masters(RedisClusterTestResource.configuredNodePorts().get(0));
        assertEquals(3, masters.size(), "a three-master cluster");
        return masters;
    }

    private URI ws(String apiKey) {
        return URI.create("ws://" + http.getHost() + ":" + http.getPort() + http.getPath() + "?api_key="
                + URLEncoder.encode(apiKey, StandardCharsets.UTF_8));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
