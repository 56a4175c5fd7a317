package com.envoyx.auth.apikey.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.envoyx.auth.testing.AuthTestProfile;
import com.envoyx.auth.testing.Dashboard;
import com.envoyx.contracts.auth.v1.ExchangeRequest;
import com.envoyx.contracts.auth.v1.KeyExchangeGrpc;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** Another account's key id answers exactly like an id that does not exist: 404, never 403. */
@QuarkusTest
@TestProfile(AuthTestProfile.class)
class CrossAccountIsolationTest {

    @GrpcClient("exchange")
    KeyExchangeGrpc.KeyExchangeBlockingStub exchange;

    @Test
    void anotherAccountsKeyIsNotFoundForEveryOperation() {
        Dashboard owner = Dashboard.signUp();
        Dashboard stranger = Dashboard.signUp();
        JsonPath key = owner.createKey("Owner Server");
        String id = key.getString("id");

        for (String path : new String[] {id, UUID.randomUUID().toString()}) {
            String base = "/api/v1/api-keys/" + path;
            stranger.request().get(base).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
            stranger.request().get(base + "/usage").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
            stranger.request().post(base + "/revoke").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
            stranger.request().body(Map.of("grace_period_seconds", 60)).post(base + "/rotate")
                    .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
            stranger.request().delete(base).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        }
        stranger.request().get("/api/v1/api-keys").then().statusCode(200).body("data.items.id", not(hasItem(id)));
        stranger.request().get("/api/v1/audit-events?api_key_id=" + id).then().statusCode(200)
                .body("data.items.size()", equalTo(0));

        owner.request().get("/api/v1/api-keys/" + id).then().statusCode(200).body("data.status", equalTo("active"));
        assertTrue(exchange.exchange(ExchangeRequest.newBuilder().setApiKey(key.getString("key")).build()).hasToken());
    }

    @Test
    void usersOfOneAccountShareItsKeys() {
        Dashboard owner = Dashboard.signUp();
        String id = owner.createKey("Shared Server").getString("id");
        Dashboard sameUserAgain = Dashboard.logIn(owner.email(), owner.password());

        sameUserAgain.request().get("/api/v1/api-keys").then().statusCode(200).body("data.items.id", hasItem(id));
    }

    @Test
    void aMalformedIdIsNotFound() {
        Dashboard.signUp().request().get("/api/v1/api-keys/not-a-uuid").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }
}
