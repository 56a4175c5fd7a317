package com.envoyx.systemtest.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.envoyx.systemtest.support.Fleet;
import com.envoyx.systemtest.support.PrometheusMetrics;
import com.envoyx.systemtest.support.ServiceInstance;
import com.envoyx.systemtest.support.SuiteClient;
import com.envoyx.systemtest.support.SuiteClient.CreatedKey;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A key revoked in auth-service is refused by every invoice-service replica within a second,
 * although each has the key's credentials cached: the revocation event reaches both replicas
 * through Redis pub/sub. Issue #8 makes the second a deadline of the system, so it is asserted.
 */
@ExtendWith(ScaleFleet.class)
class RevocationAcrossReplicasTest {

    private static final Duration DEADLINE = Duration.ofSeconds(1);
    /** How long to keep asking after the deadline, so a late revocation is reported with its real delay. */
    private static final Duration GIVE_UP = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 20;

    /** When, after the revoke response, a replica's requests turned from 200 to 403 (by when each was sent). */
    private record Turn(String replica, long lastAcceptedSentMillis, long firstRefusedSentMillis, String refusal) {
    }

    @Test
    void aRevokedKeyIsRefusedByBothReplicasWithinASecond(Fleet fleet) throws Exception {
        SuiteClient client = fleet.client();
        String session = client.newAccountSession();
        CreatedKey key = client.createKey(session, "Revoked across replicas");
        // The polling below must run into the revocation, never into the key's own budget.
        client.setLimits(fleet.adminToken(), key.id(), Map.of("requests_per_minute", 100_000));
        acceptedByEveryReplica(fleet, key.key());
        double exchanges = PrometheusMetrics.scrape(fleet.auth().url()).sum("envoyx_key_exchanges_total", Map.of());
        acceptedByEveryReplica(fleet, key.key());
        assertEquals(exchanges, PrometheusMetrics.scrape(fleet.auth().url()).sum("envoyx_key_exchanges_total", Map.of()),
                "both replicas answer the key from their credential caches, which the revocation has to reach");

        client.revokeKey(session, key.id());
        long revoked = System.nanoTime();
        List<Turn> turns = new ArrayList<>();
        ExecutorService pollers = Executors.newFixedThreadPool(fleet.invoices().size());
        try {
            List<Future<Turn>> polls = new ArrayList<>();
            for (ServiceInstance replica : fleet.invoices()) {
                polls.add(pollers.submit(() -> pollUntilRefused(replica, key.key(), revoked)));
            }
            for (Future<Turn> poll : polls) {
                turns.add(poll.get());
            }
        } finally {
            pollers.shutdownNow();
        }

        for (Turn turn : turns) {
            System.out.printf("%s: first 403 for a request sent %d ms after the revoke response (%s)%n", turn.replica(),
                    turn.firstRefusedSentMillis(), turn.lastAcceptedSentMillis() < 0 ? "none accepted after it"
                            : "last 200 for one sent at " + turn.lastAcceptedSentMillis() + " ms");
            JsonNode refusal = SuiteClient.json(turn.refusal());
            assertEquals("INVALID_API_KEY", refusal.path("code").asText(), turn.replica() + ": " + turn.refusal());
            assertEquals("The provided API key is invalid or has been revoked.", refusal.path("message").asText());
            assertTrue(turn.firstRefusedSentMillis() <= DEADLINE.toMillis(),
                    turn.replica() + " still accepted the revoked key more than " + DEADLINE.toMillis() + " ms after the revocation: "
                            + turn);
        }
    }

    private static void acceptedByEveryReplica(Fleet fleet, String key) throws Exception {
        for (ServiceInstance replica : fleet.invoices()) {
            HttpResponse<String> me = ReplicaCalls.get(replica, key, "/api/v1/me");
            assertEquals(200, me.statusCode(), ReplicaCalls.describe(me));
        }
    }

    private static Turn pollUntilRefused(ServiceInstance replica, String key, long revoked) throws Exception {
        long lastAccepted = -1;
        while (true) {
            long sent = millisSince(revoked);
            HttpResponse<String> me = ReplicaCalls.get(replica, key, "/api/v1/me");
            if (me.statusCode() == 403) {
                return new Turn(replica.name(), lastAccepted, sent, me.body());
            }
            assertEquals(200, me.statusCode(), ReplicaCalls.describe(me));
            lastAccepted = sent;
            if (sent > GIVE_UP.toMillis()) {
                throw new AssertionError(replica.name() + " still accepts the revoked key " + sent + " ms after the revocation");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
