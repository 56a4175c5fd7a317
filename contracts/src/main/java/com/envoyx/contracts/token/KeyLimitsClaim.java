package com.envoyx.contracts.token;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;

import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;

/**
 * A key's own limit sizes, read from the {@link InternalTokenClaims#LIMITS} claim of an internal
 * token; an empty member means the configured default applies. The one reader of that claim, so
 * every service sizes a key's limits alike.
 *
 * <p>The claim arrives as SmallRye JWT hands it over (a {@code jakarta.json.JsonObject}, whose
 * members are {@code JsonNumber}s) or as a plain {@code Map} of Java numbers (jose4j). A member
 * overrides its default only when it is a whole number from 1 to {@link Integer#MAX_VALUE}
 * written without a fraction. <b>A malformed member (a string, a fraction, a boolean, zero or
 * less, too large) is treated as absent, and so is a claim that is not an object</b>: the key
 * gets the configured default. Why this rule rather than refusing the token: the limits are sized
 * by ratelimit-service, which must not lock a customer out because auth-service wrote one member
 * wrongly, and every other reader must show and apply the same sizes it enforces (a key whose
 * token was refused here but counted there would see 503s for a budget it still has). Refusing
 * is no safer either: the default is the budget every key without an override already gets.
 */
public record KeyLimitsClaim(OptionalInt requestsPerMinute, OptionalInt uploadsPerHour, OptionalInt websocketConnections) {

    /** No overrides: every limit at its configured default. */
    public static final KeyLimitsClaim NONE = new KeyLimitsClaim(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());

    /** Reads the claim's value ({@code null} when the token has none); malformed parts are ignored silently. */
    public static KeyLimitsClaim read(Object claim) {
        return read(claim, problem -> { });
    }

    /**
     * Reads the claim's value; {@code malformed} hears one line per malformed part (to be logged:
     * it means auth-service wrote a claim this contract does not allow).
     */
    public static KeyLimitsClaim read(Object claim, Consumer<String> malformed) {
        if (claim == null || claim == JsonValue.NULL) {
            return NONE;
        }
        if (!(claim instanceof Map<?, ?> members)) {
            malformed.accept("the " + InternalTokenClaims.LIMITS + " claim is not an object: " + claim);
            return NONE;
        }
        return new KeyLimitsClaim(
                member(members, InternalTokenClaims.LIMIT_REQUESTS_PER_MINUTE, malformed),
                member(members, InternalTokenClaims.LIMIT_UPLOADS_PER_HOUR, malformed),
                member(members, InternalTokenClaims.LIMIT_WEBSOCKET_CONNECTIONS, malformed));
    }

    private static OptionalInt member(Map<?, ?> members, String name, Consumer<String> malformed) {
        Object value = members.get(name);
        if (value == null || value == JsonValue.NULL) {
            return OptionalInt.empty();
        }
        BigInteger whole = wholeNumber(value);
        if (whole == null || whole.signum() < 1 || whole.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
            malformed.accept("ignoring " + InternalTokenClaims.LIMITS + "." + name
                    + ", not a whole number from 1 to " + Integer.MAX_VALUE + ": " + value);
            return OptionalInt.empty();
        }
        return OptionalInt.of(whole.intValue());
    }

    /** The value as a whole number, or null when it is none (fractions, even {@code 100.0}, are none). */
    private static BigInteger wholeNumber(Object value) {
        if (value instanceof JsonNumber json) {
            return json.isIntegral() ? json.bigIntegerValue() : null;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return big;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.scale() == 0 ? decimal.toBigInteger() : null;
        }
        return null;
    }
}
