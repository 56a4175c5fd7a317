package com.envoyx.auth.account.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.envoyx.auth.testing.AccountMailProfile;
import com.envoyx.auth.testing.Accounts;
import com.envoyx.auth.testing.Dashboard;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Sign-ups are budgeted per client address, and password hashing is bounded: floods get 429 and 503, never a crash. */
@QuarkusTest
@TestProfile(AccountMailProfile.class)
class SignupFloodTest {

    @Test
    void oneAddressGetsTenSignupsPerWindow() {
        String address = Accounts.freshClientAddress();
        for (int i = 0; i < 10; i++) {
            Accounts.register(Accounts.freshEmail(), Dashboard.PASSWORD, address).then().statusCode(201);
        }
        Response refused = Accounts.register(Accounts.freshEmail(), Dashboard.PASSWORD, address);
        refused.then().statusCode(429).body("code", equalTo("RATE_LIMIT_EXCEEDED"));
        assertEquals(refused.header("Retry-After"), refused.jsonPath().getString("data.retry_after"));
        Accounts.register(Accounts.freshEmail(), Dashboard.PASSWORD, Accounts.freshClientAddress()).then().statusCode(201);
    }

    @Test
    void aBurstOfHashesBeyondTheBoundIsAnswered503WithRetryAfter() throws Exception {
        int parallel = 40;
        List<Future<Response>> answers = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(parallel);
        try {
            for (int i = 0; i < parallel; i++) {
                answers.add(clients.submit(() -> io.restassured.RestAssured.given()
                        .header("X-Forwarded-For", Accounts.freshClientAddress())
                        .contentType(io.restassured.http.ContentType.JSON)
                        .body(Map.of("email", Accounts.freshEmail(), "password", "wrong password 123"))
                        .post("/api/v1/auth/login")));
            }
            int unavailable = 0;
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                assertTrue(Set.of(401, 503).contains(response.statusCode()), "answered " + response.statusCode());
                if (response.statusCode() == 503) {
                    unavailable++;
                    assertEquals("SERVICE_UNAVAILABLE", response.jsonPath().getString("code"));
                    assertEquals("1", response.header("Retry-After"));
                }
            }
            // 2 hashing and 2 waiting at most: 40 at once cannot all be admitted.
            assertTrue(unavailable > 0, "no request was refused");
        } finally {
            clients.shutdownNow();
        }
    }
}
