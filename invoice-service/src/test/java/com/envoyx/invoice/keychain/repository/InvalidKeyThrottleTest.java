package com.envoyx.invoice.keychain.repository;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.security.SecureRandom;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.envoyx.contracts.apikey.ApiKeyEnvironment;
import com.envoyx.contracts.apikey.ApiKeyFormat;
import com.envoyx.invoice.testing.InvalidKeyThrottleProfile;
import com.envoyx.invoice.testing.LiveServices;
import com.envoyx.invoice.testing.LiveServicesResource;
import com.envoyx.invoice.testing.TestSocket;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * A flood of made-up keys from one client address is answered 429 before it reaches auth-service
 * (its exchange counter stops moving), while keys already known to be valid keep working from that
 * address and every other address keeps its own budget. Addresses come from X-Forwarded-For, which
 * this profile trusts. WebSocket upgrades spend the same budget as HTTP requests.
 */
@QuarkusTest
@TestProfile(InvalidKeyThrottleProfile.class)
@WithTestResource(LiveServicesResource.class)
class InvalidKeyThrottleTest {

    private static final int MAX = InvalidKeyThrottleProfile.MAX_ATTEMPTS;

    @TestHTTPResource("/api/v1/ws")
    URL http;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern RATE_LIMITED = Pattern.compile("\\{\"success\":false,\"status\":429,"
            + "\"code\":\"RATE_LIMIT_EXCEEDED\",\"message\":\"Too many requests\\. Please try again later\\.\","
            + "\"data\":\\{\"retry_after\":(\\d+)}}");

    @Test
    void aFloodOfUnknownKeysIsThrottledBeforeAuthService() {
        String flooder = "198.51.100.7";
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        LiveServices.CreatedKey known = account.createKey("Known before the flood");
        me(known.key(), flooder).then().statusCode(200);

        for (int i = 0; i < MAX; i++) {
            me(unknownKey(), flooder).then().statusCode(403).body("code", equalTo("INVALID_API_KEY"));
        }
        double lookupsBefore = invalidExchanges();
        for (int i = 0; i < 20; i++) {
            Response refused = me(unknownKey(), flooder);
            assertEquals(429, refused.statusCode(), refused.asString());
            Matcher body = RATE_LIMITED.matcher(refused.asString());
            assertTrue(body.matches(), refused.asString());
            assertEquals(body.group(1), refused.header("Retry-After"));
            long retryAfter = Long.parseLong(body.group(1));
            assertTrue(retryAfter >= 1 && retryAfter <= 300, "retry_after " + retryAfter);
        }
        assertEquals(lookupsBefore, invalidExchanges(), "auth-service was asked while the address was throttled");

        // Known-good keys still work from the flooding address; a valid key not cached yet does not.
        me(known.key(), flooder).then().statusCode(200);
        LiveServices.CreatedKey fresh = account.createKey("Not cached yet");
        me(fresh.key(), flooder).then().statusCode(429);

        // Every other address has its own budget.
        String neighbour = "198.51.100.8";
        me(fresh.key(), neighbour).then().statusCode(200);
        me(unknownKey(), neighbour).then().statusCode(403).body("code", equalTo("INVALID_API_KEY"));
    }

    @Test
    void webSocketUpgradesSpendTheSameBudget() {
        String flooder = "198.51.100.30";
        for (int i = 0; i < MAX; i++) {
            assertEquals(403, TestSocket.refusal(ws(), Map.of("X-API-Key", unknownKey(), "X-Forwarded-For", flooder)));
        }
        assertEquals(429, TestSocket.refusal(ws(), Map.of("X-API-Key", unknownKey(), "X-Forwarded-For", flooder)));
        me(unknownKey(), flooder).then().statusCode(429);
    }

    @Test
    void validKeysSpendNothing() {
        String client = "198.51.100.20";
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        for (int i = 0; i < MAX + 2; i++) {
            me(account.createKey("Cold key " + i).key(), client).then().statusCode(200);
        }
        for (int i = 0; i < MAX; i++) {
            me(unknownKey(), client).then().statusCode(403);
        }
        me(unknownKey(), client).then().statusCode(429);
    }

    @Test
    void ipv6ClientsAreCountedPerNetwork() {
        for (int i = 0; i < MAX; i++) {
            me(unknownKey(), "2001:db8:77:1::" + Integer.toHexString(i + 1)).then().statusCode(403);
        }
        me(unknownKey(), "2001:db8:77:1:ffff::9").then().statusCode(429);
        me(unknownKey(), "2001:db8:77:2::1").then().statusCode(403);
    }

    private URI ws() {
        return URI.create("ws://" + http.getHost() + ":" + http.getPort() + http.getPath());
    }

    private static Response me(String key, String clientAddress) {
        return given().header("X-API-Key", key).header("X-Forwarded-For", clientAddress).when().get("/api/v1/me");
    }

    private static String unknownKey() {
        return ApiKeyFormat.generate(ApiKeyEnvironment.PRODUCTION, RANDOM);
    }

    /** auth-service's count of exchanges it answered "invalid" (each one a database lookup). */
    private static double invalidExchanges() {
        String metrics = given().baseUri(LiveServicesResource.services().authUrl()).when().get("/q/metrics")
                .then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("(?m)^envoyx_key_exchanges_total\\{[^}]*result=\"invalid\"[^}]*} (\\S+)$")
                .matcher(metrics);
        if (!line.find()) {
            throw new AssertionError("no invalid-exchange counter in auth-service's metrics");
        }
        return Double.parseDouble(line.group(1));
    }
}
