package com.envoyx.auth.account.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.envoyx.auth.testing.DefaultsProfile;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Behind a trusted proxy, login attempts count against the client's address, not the proxy's; an
 * IPv6 client against its /64, which one subscriber holds whole.
 */
@QuarkusTest
@TestProfile(DefaultsProfile.class)
class ForwardedClientAddressTest {

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "envoyx.redis.key-prefix")
    String keyPrefix;

    @Test
    void failedAttemptsAreCountedPerForwardedClient() {
        for (String client : List.of("203.0.113.7", "198.51.100.23")) {
            given().header("X-Forwarded-For", client).contentType(ContentType.JSON)
                    .body(Map.of("email", "nobody@example.com", "password", "wrong password"))
                    .post("/api/v1/auth/login")
                    .then().statusCode(401);

            assertEquals("1", redis.value(String.class).get(keyPrefix + "login:addr:" + client));
        }
    }

    @Test
    void twoAddressesOfOneIpv6NetworkShareOneLoginBudget() {
        for (String client : List.of("2001:db8:77:1::1", "2001:db8:77:1:ffff:ffff:ffff:fffe")) {
            given().header("X-Forwarded-For", client).contentType(ContentType.JSON)
                    .body(Map.of("email", "nobody@example.com", "password", "wrong password"))
                    .post("/api/v1/auth/login")
                    .then().statusCode(401);
        }
        assertEquals("2", redis.value(String.class).get(keyPrefix + "login:addr:2001:db8:77:1:0:0:0:0/64"));

        given().header("X-Forwarded-For", "2001:db8:77:2::1").contentType(ContentType.JSON)
                .body(Map.of("email", "nobody@example.com", "password", "wrong password"))
                .post("/api/v1/auth/login")
                .then().statusCode(401);
        assertEquals("1", redis.value(String.class).get(keyPrefix + "login:addr:2001:db8:77:2:0:0:0:0/64"),
                "the next /64 is another subscriber");
    }
}
