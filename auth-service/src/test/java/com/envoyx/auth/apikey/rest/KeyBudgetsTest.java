package com.envoyx.auth.apikey.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.envoyx.auth.testing.AuthTestProfile;
import com.envoyx.auth.testing.Dashboard;
import com.envoyx.contracts.auth.v1.ExchangeRequest;
import com.envoyx.contracts.auth.v1.KeyExchangeGrpc;
import com.envoyx.contracts.token.InternalTokenClaims;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

/** Issue 15 item 4: keys cannot multiply an account's budget, by rotation or by number. */
@QuarkusTest
@TestProfile(AuthTestProfile.class)
class KeyBudgetsTest {

    @GrpcClient("exchange")
    KeyExchangeGrpc.KeyExchangeBlockingStub exchange;

    @Test
    void everyKeyOfARotationChainCarriesTheBudgetOfItsFirstKey() {
        Dashboard user = Dashboard.signUp();
        JsonPath first = user.createKey("Chain");
        String firstId = first.getString("id");
        assertEquals(firstId, claims(first.getString("key")).getString(InternalTokenClaims.BUDGET_ID));

        JsonPath second = rotate(user, firstId);
        JsonPath third = rotate(user, second.getString("id"));
        assertEquals(firstId, claims(second.getString("key")).getString(InternalTokenClaims.BUDGET_ID));
        assertEquals(firstId, claims(third.getString("key")).getString(InternalTokenClaims.BUDGET_ID));
        assertEquals(third.getString("id"), claims(third.getString("key")).getString("sub"));

        JsonPath unrelated = user.createKey("Unrelated");
        assertEquals(unrelated.getString("id"), claims(unrelated.getString("key")).getString(InternalTokenClaims.BUDGET_ID));
    }

    @Test
    void anAccountHoldsAtMostTwentyFiveActiveKeys() {
        Dashboard user = Dashboard.signUp();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add(user.createKey("Key " + i).getString("id"));
        }
        user.request().body(Map.of("name", "One too many")).post("/api/v1/api-keys")
                .then().statusCode(409)
                .body("success", org.hamcrest.Matchers.equalTo(false))
                .body("code", org.hamcrest.Matchers.equalTo("API_KEY_LIMIT_REACHED"))
                .body("message", org.hamcrest.Matchers.containsString("25 active API keys"));

        user.request().post("/api/v1/api-keys/" + ids.get(0) + "/revoke").then().statusCode(200);
        user.createKey("In the revoked key's place");
        user.request().body(Map.of("name", "Again too many")).post("/api/v1/api-keys").then().statusCode(409);
        rotate(user, ids.get(1));
    }

    @Test
    void parallelCreationsNeverPassTheCap() throws Exception {
        Dashboard user = Dashboard.signUp();
        for (int i = 0; i < 20; i++) {
            user.createKey("Existing " + i);
        }
        ExecutorService senders = Executors.newFixedThreadPool(10);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                answers.add(senders.submit(() -> user.request().body(Map.of("name", "Racing " + n))
                        .post("/api/v1/api-keys").then().extract().statusCode()));
            }
            int created = 0;
            for (Future<Integer> answer : answers) {
                created += answer.get() == 201 ? 1 : 0;
            }
            assertEquals(5, created, "20 existing keys leave room for exactly 5 of 10 racing creations");
        } finally {
            senders.shutdownNow();
        }
    }

    private static JsonPath rotate(Dashboard user, String id) {
        return user.request().body(Map.of("grace_period_seconds", 3600)).post("/api/v1/api-keys/" + id + "/rotate")
                .then().statusCode(201).extract().jsonPath().setRootPath("data");
    }

    private JsonObject claims(String key) {
        String jwt = exchange.exchange(ExchangeRequest.newBuilder().setApiKey(key).build()).getToken().getJwt();
        return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
