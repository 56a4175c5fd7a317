package com.envoyx.systemtest.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.envoyx.contracts.apikey.ApiKeyEnvironment;
import com.envoyx.contracts.apikey.ApiKeyFormat;
import com.envoyx.systemtest.support.Fleet;
import com.envoyx.systemtest.support.ServiceInstance;
import com.envoyx.systemtest.support.SuiteClient;
import com.envoyx.systemtest.support.SuiteClient.CreatedKey;

/**
 * auth-service stopped (SIGTERM) and started again. invoice-service caches a key's verified token
 * until shortly before it expires (README: key chain step 2), so a key it has seen keeps working
 * that long; a key it has not seen cannot be checked and gets 503 SERVICE_UNAVAILABLE, never a
 * misleading 403; once auth-service is back every key is answered as before.
 */
@ExtendWith(SharedFleet.class)
class AuthServiceOutageFaultTest {

    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void seenKeysWorkUntilTheirTokenExpiresAndUnseenKeysGet503(Fleet fleet) throws Exception {
        SuiteClient client = fleet.client();
        String session = client.newAccountSession();
        CreatedKey seen = client.createKey(session, "Seen before the outage");
        CreatedKey unseen = client.createKey(session, "First used during the outage");
        String stranger = ApiKeyFormat.generate(ApiKeyEnvironment.PRODUCTION, new SecureRandom());
        ServiceInstance replica = fleet.invoice(0);
        ServiceInstance otherReplica = fleet.invoice(1);

        Instant exchanged = Instant.now();
        assertEquals(200, ApiCalls.me(replica, seen.key()).statusCode());
        // The token was issued after `exchanged` with `exp` in whole seconds (up to 1 s earlier), and
        // invoice-service drops it REFRESH_BEFORE_EXPIRY before that.
        Instant cachedAtLeastUntil = exchanged.plusSeconds(SharedFleet.TOKEN_LIFETIME_SECONDS
                - SharedFleet.REFRESH_BEFORE_EXPIRY_SECONDS - 1);

        fleet.auth().stop();
        Instant stopped = Instant.now();
        assertTrue(stopped.isBefore(cachedAtLeastUntil), "stopping auth-service outlasted the cached token");

        assertEquals(200, ApiCalls.me(replica, seen.key()).statusCode(), "a cached key must keep working");
        assertEquals(201, ApiCalls.upload(replica, seen.key(), "auth-outage").statusCode(), "a cached key may upload");
        assertUnavailable(ApiCalls.me(replica, unseen.key()));
        assertUnavailable(ApiCalls.me(replica, stranger));
        // Each replica has its own cache: the other one has never seen this key.
        assertUnavailable(ApiCalls.me(otherReplica, seen.key()));

        List<HttpResponse<String>> untilExpiry = new ArrayList<>();
        Instant giveUp = exchanged.plusSeconds(SharedFleet.TOKEN_LIFETIME_SECONDS + 15);
        HttpResponse<String> last = null;
        while (Instant.now().isBefore(giveUp)) {
            Instant sent = Instant.now();
            last = ApiCalls.me(replica, seen.key());
            untilExpiry.add(last);
            if (last.statusCode() != 200) {
                assertTrue(!sent.isBefore(cachedAtLeastUntil), "the cached key stopped working before its token expired: "
                        + ApiCalls.describe(last));
                break;
            }
            Thread.sleep(500);
        }
        assertTrue(last != null && last.statusCode() != 200, "the cached key still worked "
                + Duration.between(exchanged, Instant.now()).toSeconds() + " s after its exchange, past its token's lifetime");
        assertUnavailable(last);
        System.out.printf("auth-service outage: the cached key answered %d times after the stop, until %d s after its"
                + " exchange%n", untilExpiry.size() - 1, Duration.between(exchanged, Instant.now()).toSeconds());

        fleet.auth().start();
        fleet.auth().awaitReady(Duration.ofSeconds(120));
        awaitStatus(replica, unseen.key(), 200);
        awaitStatus(replica, seen.key(), 200);
        awaitStatus(otherReplica, seen.key(), 200);
        assertEquals("INVALID_API_KEY", ApiCalls.code(awaitStatus(replica, stranger, 403)));
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertEquals(503, response.statusCode(), "never 403 while keys cannot be checked: " + ApiCalls.describe(response));
        assertEquals("SERVICE_UNAVAILABLE", ApiCalls.code(response), ApiCalls.describe(response));
    }

    /**
     * Polls until the key is answered {@code status}, with only 503 on the way: a freshly started
     * auth-service may miss the first exchanges' deadline, and invoice-service's circuit breaker
     * then stays open for a moment.
     */
    private static HttpResponse<String> awaitStatus(ServiceInstance replica, String key, int status) throws Exception {
        Instant deadline = Instant.now().plus(RECOVERY_TIMEOUT);
        HttpResponse<String> last = ApiCalls.me(replica, key);
        while (last.statusCode() != status && Instant.now().isBefore(deadline)) {
            assertEquals(503, last.statusCode(), "while recovering only 503 is acceptable: " + ApiCalls.describe(last));
            Thread.sleep(250);
            last = ApiCalls.me(replica, key);
        }
        assertEquals(status, last.statusCode(), ApiCalls.describe(last));
        return last;
    }
}
