package com.envoyx.systemtest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.envoyx.systemtest.support.EventSocket;
import com.envoyx.systemtest.support.InvoiceUpload;
import com.envoyx.systemtest.support.SuiteClient;
import com.envoyx.systemtest.support.SuiteClient.CreatedKey;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 15 item 6: the key need not be in a WebSocket URL. {@code POST /api/v1/ws/ticket} trades
 * it for a ticket that opens one socket, within 30 s, for that key only, and still meets the key's
 * revocation and connection limit at upgrade time.
 */
class WebSocketTicketTest {

    @Test
    void aCustomerConnectsWithATicketOnce() throws Exception {
        SecuritySuite suite = SecuritySuite.get();
        Customer customer = Customer.signUp(suite);
        CreatedKey key = customer.createKey("Browser events");
        JsonNode issued = ticket(customer, key);
        String ticket = issued.path("ticket").asText();
        assertTrue(ticket.startsWith("envx_wst_"), ticket);
        Duration lifetime = Duration.between(Instant.now(), Instant.parse(issued.path("expires_at").asText()));
        assertTrue(lifetime.compareTo(Duration.ofSeconds(31)) <= 0 && lifetime.compareTo(Duration.ofSeconds(20)) > 0,
                "a ticket lives about 30 s: " + lifetime);

        EventSocket.Upgrade first = EventSocket.tryOpenWithTicket(suite.url("invoice"), ticket, from(customer));
        assertEquals(101, first.status());
        try (EventSocket socket = first.socket().orElseThrow()) {
            socket.pingPong();
            HttpResponse<String> uploaded = InvoiceUpload.send(suite.url("invoice"), key.key(), "ticket-event");
            assertEquals(201, uploaded.statusCode(), uploaded.body());
            String id = SuiteClient.json(uploaded.body()).path("data").path("id").asText();
            JsonNode event = SuiteClient.json(socket.next());
            assertEquals("invoice.uploaded", event.path("event").asText());
            assertEquals(id, event.path("data").path("id").asText());

            assertEquals(403, EventSocket.tryOpenWithTicket(suite.url("invoice"), ticket, from(customer)).status(),
                    "a ticket opens one socket only");
        }
    }

    @Test
    void anExpiredTicketIsRefused() throws Exception {
        SecuritySuite suite = SecuritySuite.get();
        Customer customer = Customer.signUp(suite);
        String ticket = ticket(customer, customer.createKey("Slow client")).path("ticket").asText();
        Thread.sleep(Duration.ofSeconds(31).toMillis());
        assertEquals(403, EventSocket.tryOpenWithTicket(suite.url("invoice"), ticket, from(customer)).status());
    }

    @Test
    void aTicketOpensNothingForAnotherKeyAndIsSpentByTheTry() throws Exception {
        SecuritySuite suite = SecuritySuite.get();
        Customer victim = Customer.signUp(suite);
        Customer attacker = Customer.signUp(suite);
        CreatedKey victimKey = victim.createKey("Victim");
        CreatedKey attackerKey = attacker.createKey("Attacker");
        String ticket = ticket(victim, victimKey).path("ticket").asText();

        Map<String, String> withOwnKey = Map.of("X-Forwarded-For", attacker.address(), "X-API-Key", attackerKey.key());
        assertEquals(403, EventSocket.tryOpenWithTicket(suite.url("invoice"), ticket, withOwnKey).status(),
                "a ticket is bound to the key it was issued for");
        assertEquals(403, EventSocket.tryOpenWithTicket(suite.url("invoice"), ticket, from(victim)).status(),
                "a ticket tried once is spent, whoever tried it");
        assertEquals(403, EventSocket.tryOpenWithTicket(suite.url("invoice"), "envx_wst_" + "A".repeat(43), from(attacker)).status(),
                "a made-up ticket opens nothing");
    }

    @Test
    void aTicketMeetsRevocationAndTheConnectionLimitAtUpgrade() throws Exception {
        SecuritySuite suite = SecuritySuite.get();
        Customer customer = Customer.signUp(suite);
        CreatedKey key = customer.createKey("Five sockets");
        List<EventSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                EventSocket.Upgrade upgrade = EventSocket.tryOpenWithTicket(suite.url("invoice"),
                        ticket(customer, key).path("ticket").asText(), from(customer));
                assertEquals(101, upgrade.status(), "socket " + (i + 1));
                sockets.add(upgrade.socket().orElseThrow());
            }
            assertEquals(429, EventSocket.tryOpenWithTicket(suite.url("invoice"), ticket(customer, key).path("ticket").asText(),
                    from(customer)).status(), "the sixth socket is over the key's limit, ticket or not");
        } finally {
            for (EventSocket socket : sockets) {
                socket.close();
            }
        }

        CreatedKey revoked = customer.createKey("Revoked after its ticket");
        String ticket = ticket(customer, revoked).path("ticket").asText();
        customer.revoke(revoked);
        assertEquals(403, EventSocket.tryOpenWithTicket(suite.url("invoice"), ticket, from(customer)).status(),
                "a ticket of a key revoked since opens nothing");
    }

    /** {@code data} of a ticket issued for the key. */
    private static JsonNode ticket(Customer customer, CreatedKey key) throws Exception {
        HttpResponse<String> response = customer.post("/api/v1/ws/ticket", key.key(), null, new byte[0]);
        assertEquals(201, response.statusCode(), response.body());
        JsonNode body = SuiteClient.json(response.body());
        assertEquals("WS_TICKET_ISSUED", body.path("code").asText());
        return body.path("data");
    }

    private static Map<String, String> from(Customer customer) {
        return Map.of("X-Forwarded-For", customer.address());
    }
}
