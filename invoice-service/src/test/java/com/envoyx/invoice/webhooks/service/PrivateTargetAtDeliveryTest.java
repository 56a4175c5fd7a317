package com.envoyx.invoice.webhooks.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.envoyx.invoice.testing.LiveServices;
import com.envoyx.invoice.testing.LiveServicesResource;
import com.envoyx.invoice.testing.PublicTargetsDeliveryProfile;
import com.envoyx.invoice.testing.WebhookReceiver;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The check that protects is the one at delivery: an endpoint whose name resolves to a loopback
 * address by the time of the delivery (as after DNS rebinding: saved while it pointed elsewhere,
 * here by changing the stored URL behind the API's back) gets no request, and the attempt says why.
 */
@QuarkusTest
@TestProfile(PublicTargetsDeliveryProfile.class)
@WithTestResource(LiveServicesResource.class)
class PrivateTargetAtDeliveryTest {

    @Inject
    Pool pool;

    @Test
    void aNameThatResolvesToLoopbackAtDeliveryIsNeverConnectedTo() throws Exception {
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        String key = account.createKey("webhooks").key();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String id = given().header("X-API-Key", key).contentType(ContentType.JSON)
                    .body(Map.of("url", "https://203.0.113.10/hook")).post("/api/v1/webhooks")
                    .then().statusCode(201).extract().path("data.id");
            String rebound = "https://localhost:" + receiver.url("/ok").replaceAll(".*:(\\d+)/ok", "$1") + "/ok";
            pool.preparedQuery("UPDATE webhook_endpoints SET url = $1 WHERE id = $2")
                    .execute(Tuple.of(rebound, UUID.fromString(id))).await().atMost(Duration.ofSeconds(10));

            given().header("X-API-Key", key).post("/api/v1/webhooks/" + id + "/test").then().statusCode(202);
            JsonPath log = null;
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                log = given().header("X-API-Key", key).get("/api/v1/webhooks/" + id + "/deliveries").then()
                        .statusCode(200).extract().jsonPath();
                if (log.getList("data").size() >= 2) {
                    break;
                }
                Thread.sleep(100);
            }
            List<String> errors = log.getList("data.error");
            assertEquals(2, errors.size(), log.prettyPrint());
            for (String error : errors) {
                assertTrue(error.startsWith("The endpoint's host resolves to 127.0.0.1") || error.startsWith(
                        "The endpoint's host resolves to 0:0:0:0:0:0:0:1"), error);
            }
            assertEquals("failed", log.getString("data[0].delivery_state"));
            assertTrue(receiver.received(d -> true).isEmpty(), "the receiver on 127.0.0.1 was reached");
        }
    }
}
