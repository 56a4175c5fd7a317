package com.envoyx.contracts.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

class KeyLimitsClaimTest {

    private final List<String> problems = new ArrayList<>();

    @Test
    void noClaimMeansEveryDefault() {
        assertEquals(KeyLimitsClaim.NONE, read(null));
        assertEquals(KeyLimitsClaim.NONE, read(JsonValue.NULL));
        assertTrue(problems.isEmpty());
    }

    @Test
    void readsAJsonObjectAsSmallRyeHandsItOver() {
        JsonObject claim = Json.createObjectBuilder()
                .add(InternalTokenClaims.LIMIT_REQUESTS_PER_MINUTE, 500)
                .add(InternalTokenClaims.LIMIT_UPLOADS_PER_HOUR, 20)
                .add(InternalTokenClaims.LIMIT_WEBSOCKET_CONNECTIONS, 2)
                .build();
        assertEquals(new KeyLimitsClaim(OptionalInt.of(500), OptionalInt.of(20), OptionalInt.of(2)), read(claim));
        assertTrue(problems.isEmpty());
    }

    @Test
    void readsAPlainMapOfJavaNumbersAsJose4jHandsItOver() {
        Map<String, Object> claim = Map.of(
                InternalTokenClaims.LIMIT_REQUESTS_PER_MINUTE, 500L,
                InternalTokenClaims.LIMIT_UPLOADS_PER_HOUR, BigInteger.valueOf(20),
                InternalTokenClaims.LIMIT_WEBSOCKET_CONNECTIONS, new BigDecimal("7"));
        assertEquals(new KeyLimitsClaim(OptionalInt.of(500), OptionalInt.of(20), OptionalInt.of(7)), read(claim));
    }

    @Test
    void anAbsentOrNullMemberKeepsItsDefaultWithoutComplaint() {
        JsonObject claim = Json.createObjectBuilder()
                .add(InternalTokenClaims.LIMIT_REQUESTS_PER_MINUTE, 500)
                .addNull(InternalTokenClaims.LIMIT_UPLOADS_PER_HOUR)
                .build();
        assertEquals(new KeyLimitsClaim(OptionalInt.of(500), OptionalInt.empty(), OptionalInt.empty()), read(claim));
        Map<String, Object> plain = new HashMap<>();
        plain.put(InternalTokenClaims.LIMIT_UPLOADS_PER_HOUR, null);
        assertEquals(KeyLimitsClaim.NONE, read(plain));
        assertTrue(problems.isEmpty());
    }

    @Test
    void everyMalformedMemberIsTreatedAsAbsentAndReported() {
        List<JsonValue> malformedJson = List.of(Json.createValue("500"), Json.createValue(2.5), Json.createValue(100.0),
                JsonValue.TRUE, Json.createValue(0), Json.createValue(-3), Json.createValue(2_147_483_648L),
                Json.createArrayBuilder().add(1).build(), Json.createObjectBuilder().build());
        for (JsonValue bad : malformedJson) {
            JsonObject claim = Json.createObjectBuilder()
                    .add(InternalTokenClaims.LIMIT_REQUESTS_PER_MINUTE, bad)
                    .add(InternalTokenClaims.LIMIT_UPLOADS_PER_HOUR, 20)
                    .build();
            assertEquals(new KeyLimitsClaim(OptionalInt.empty(), OptionalInt.of(20), OptionalInt.empty()), read(claim),
                    bad.toString());
        }
        List<Object> malformedJava = List.of("500", 2.5, 100.0f, true, 0, -3L, Long.MAX_VALUE, new BigDecimal("2.50"));
        for (Object bad : malformedJava) {
            assertEquals(KeyLimitsClaim.NONE, read(Map.of(InternalTokenClaims.LIMIT_WEBSOCKET_CONNECTIONS, bad)),
                    bad.toString());
        }
        assertEquals(malformedJson.size() + malformedJava.size(), problems.size());
    }

    @Test
    void aClaimThatIsNotAnObjectIsTreatedAsAbsentAndReported() {
        assertEquals(KeyLimitsClaim.NONE, read("requests_per_minute=500"));
        assertEquals(KeyLimitsClaim.NONE, read(Json.createArrayBuilder().add(500).build()));
        assertEquals(2, problems.size());
    }

    @Test
    void theLargestLimitStillFits() {
        assertEquals(OptionalInt.of(Integer.MAX_VALUE), read(Map.of(InternalTokenClaims.LIMIT_REQUESTS_PER_MINUTE,
                (long) Integer.MAX_VALUE)).requestsPerMinute());
    }

    private KeyLimitsClaim read(Object claim) {
        return KeyLimitsClaim.read(claim, problems::add);
    }
}
