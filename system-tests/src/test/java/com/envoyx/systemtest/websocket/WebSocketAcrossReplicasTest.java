package com.envoyx.systemtest.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.envoyx.systemtest.fault.SharedFleet;
import com.envoyx.systemtest.support.EventSocket;
import com.envoyx.systemtest.support.Fleet;
import com.envoyx.systemtest.support.InvoiceUpload;
import com.envoyx.systemtest.support.ServiceInstance;
import com.envoyx.systemtest.support.SuiteClient;
import com.envoyx.systemtest.websocket.PythonClient.KeyIn;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The WebSocket API across two invoice-service replicas sharing Redis and ratelimit-service:
 * events fan out to every replica, and a key's connection limit holds across them. Runs on the
 * fault suite's shared fleet (two replicas; starting a fleet costs ~30 s, so one is shared by
 * every test of the run); its settings do not matter here.
 */
@ExtendWith(SharedFleet.class)
class WebSocketAcrossReplicasTest {

    private static final int CONNECTION_LIMIT = 5;

    @Test
    void aSocketOnOneReplicaReceivesTheEventsOfAnUploadThroughTheOther(Fleet fleet) throws Exception {
        ServiceInstance uploadThrough = fleet.invoice(0);
        ServiceInstance listenOn = fleet.invoice(1);
        String key = fleet.client().createKey(fleet.client().newAccountSession(), "Listens elsewhere").key();

        try (EventSocket socket = EventSocket.open(listenOn.url(), key)) {
            socket.pingPong();
            HttpResponse<String> upload = InvoiceUpload.send(uploadThrough.url(), key, "across-replicas");
            assertEquals(201, upload.statusCode(), upload.body());
            String id = SuiteClient.json(upload.body()).path("data").path("id").asText();

            List<JsonNode> events = socket.eventsOf(id, "invoice.processed");
            assertEquals(List.of("invoice.uploaded", "invoice.processing", "invoice.extracted", "invoice.validated",
                            "invoice.processed"),
                    events.stream().map(event -> event.path("event").asText()).toList(), events.toString());
        }
    }

    @Test
    void aKeyHasExactlyFiveSocketsAcrossBothReplicas(Fleet fleet) throws Exception {
        ServiceInstance a = fleet.invoice(0);
        ServiceInstance b = fleet.invoice(1);
        String key = fleet.client().createKey(fleet.client().newAccountSession(), "Five sockets").key();
        List<EventSocket> open = new ArrayList<>();
        try {
            for (ServiceInstance replica : List.of(a, a, a, b, b)) {
                EventSocket socket = EventSocket.open(replica.url(), key);
                socket.pingPong();
                open.add(socket);
            }
            assertEquals(CONNECTION_LIMIT, open.size());

            assertRefusedForTheLimit(a, key);
            assertRefusedForTheLimit(b, key);

            open.remove(0).close();
            EventSocket freedSlot = EventSocket.openOnceASlotIsFree(b.url(), key);
            open.add(freedSlot);
            freedSlot.pingPong();

            assertRefusedForTheLimit(a, key);
            assertRefusedForTheLimit(b, key);
            for (EventSocket socket : open) {
                socket.pingPong();
            }
        } finally {
            for (EventSocket socket : open) {
                socket.close();
            }
        }
    }

    private static void assertRefusedForTheLimit(ServiceInstance replica, String key) throws Exception {
        JsonNode answer = PythonClient.upgradeAnswer(replica.url(), key, KeyIn.HEADER);
        assertEquals(429, answer.path("status").asInt(), replica.name() + ": " + answer);
        JsonNode body = SuiteClient.json(answer.path("body").asText());
        assertEquals("RATE_LIMIT_EXCEEDED", body.path("code").asText(), body.toString());
        assertEquals(429, body.path("status").asInt(), body.toString());
        long retryAfter = body.path("data").path("retry_after").asLong();
        assertTrue(retryAfter >= 1, body.toString());
        assertEquals(Long.toString(retryAfter), answer.path("retry_after").asText(), answer.toString());
    }
}
