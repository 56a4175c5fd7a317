package com.envoyx.systemtest.shutdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.envoyx.systemtest.support.EventSocket;
import com.envoyx.systemtest.support.Fleet;
import com.envoyx.systemtest.support.InvoiceUpload;
import com.envoyx.systemtest.support.SamplePdf;
import com.envoyx.systemtest.support.ServiceInstance;
import com.envoyx.systemtest.support.StreamedUpload;
import com.envoyx.systemtest.support.SuiteClient.CreatedKey;
import com.envoyx.systemtest.support.SuiteClient;
import com.envoyx.systemtest.support.UploadDirectory;

/**
 * An invoice-service replica holding a WebSocket and an upload in flight is stopped with SIGTERM,
 * as Kubernetes stops a pod in a rolling update. Quarkus' own graceful wait would count the
 * upgraded request forever (Vert.x never ends its response), so the replica waited the whole
 * shutdown timeout; now, when shutdown begins, it tells the socket 1001, releases the socket's
 * connection lease at ratelimit-service, refuses new upgrades with 503, lets the upload finish,
 * and exits as soon as that is done.
 *
 * <p>The settings make each outcome unmistakable: a 60 s shutdown timeout (a replica that waits
 * for its socket exits after it, one that does not within seconds) and 5-minute leases (a slot
 * freed within the test was released, it cannot have expired).
 */
class WebSocketShutdownTest {

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LEASE_TTL = Duration.ofMinutes(5);
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final int FILLER_BYTES = 256 * 1024;
    private static final String UNAVAILABLE_BODY = "{\"success\":false,\"status\":503,\"code\":\"SERVICE_UNAVAILABLE\","
            + "\"message\":\"The service is temporarily unavailable. Please try again later.\"}";

    private static Fleet fleet;

    @BeforeAll
    static void startFleet() {
        fleet = Fleet.start(Fleet.options()
                .invoiceReplicas(2)
                .environment("ENVOYX_SHUTDOWN_TIMEOUT", SHUTDOWN_TIMEOUT.toSeconds() + "s")
                .environment("ENVOYX_LEASE_TTL", LEASE_TTL.toSeconds() + "s"));
    }

    @AfterAll
    static void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void aStoppingReplicaClosesItsSocketsWith1001_releasesTheirLeases_finishesRequests_andExitsWithoutWaitingForSockets()
            throws Exception {
        SuiteClient client = fleet.client();
        CreatedKey key = client.createKey(client.newAccountSession(), "One socket at a time");
        client.setLimits(fleet.adminToken(), key.id(), Map.of("websocket_connections", 1));
        ServiceInstance stopping = fleet.invoice(0);
        ServiceInstance staying = fleet.invoice(1);

        EventSocket socket = EventSocket.tryOpen(stopping.url(), key.key()).socket()
                .orElseThrow(() -> new AssertionError("the key's only socket was refused"));
        assertEquals(429, EventSocket.tryOpen(staying.url(), key.key()).status(),
                "the key's one slot is held across replicas by the open socket");

        InvoiceUpload.Multipart pdf = InvoiceUpload.multipart("in-flight.pdf", SamplePdf.invoice("shutdown", FILLER_BYTES));
        try (StreamedUpload upload = StreamedUpload.open(stopping.url(), key.key(), pdf, Map.of())) {
            Set<Path> earlier = UploadDirectory.files(fleet.uploadDirectory(0));
            upload.send(upload.length() / 2);
            // Past the key chain, the file part being written: the request is in flight.
            UploadDirectory.awaitNewFiles(fleet.uploadDirectory(0), earlier, 1, PATIENCE);

            ProcessHandle process = stopping.handle();
            Instant stopAt = Instant.now();
            process.destroy();

            assertEquals(1001, socket.awaitClose().code(), "the client is told the replica is going away");
            // The replica still serves while the upload is in flight, but takes no new socket.
            StreamedUpload.Answer refused = upgradeRaw(stopping.url(), key.key());
            assertEquals(503, refused.status(), refused.body());
            assertEquals(UNAVAILABLE_BODY, refused.body());
            EventSocket.openOnceASlotIsFree(staying.url(), key.key()).close();

            Optional<String> answer = upload.finish(PATIENCE);
            assertTrue(answer.orElse("").startsWith("HTTP/1.1 201"), "the upload in flight is finished: " + answer);

            process.onExit().get(SHUTDOWN_TIMEOUT.plus(PATIENCE).toSeconds(), TimeUnit.SECONDS);
            Duration stoppedIn = Duration.between(stopAt, Instant.now());
            System.out.printf("replica with an open WebSocket and an upload in flight stopped %d ms after SIGTERM "
                    + "(shutdown timeout %s)%n", stoppedIn.toMillis(), SHUTDOWN_TIMEOUT);
            assertTrue(stoppedIn.compareTo(SHUTDOWN_TIMEOUT) < 0,
                    "the replica waited out its shutdown timeout: " + stoppedIn.toMillis() + " ms; see " + stopping.log());
        }
        String log = Files.readString(stopping.log());
        assertTrue(log.contains("All HTTP requests complete"), "the replica waited for the upload; see " + stopping.log());
        assertFalse(log.contains("still in flight after") || log.contains("Timed out waiting for graceful shutdown"),
                "the wait must end when the requests are done; see " + stopping.log());
    }

    /** A WebSocket upgrade written by hand, to read the refusal's body (the JDK's client drops it). */
    private static StreamedUpload.Answer upgradeRaw(String replicaUrl, String apiKey) throws IOException {
        URI uri = URI.create(replicaUrl);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET /api/v1/ws HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "X-API-Key: " + apiKey + "\r\n\r\n";
        try (Socket connection = new Socket(uri.getHost(), uri.getPort())) {
            connection.setSoTimeout((int) PATIENCE.toMillis());
            OutputStream out = connection.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return StreamedUpload.read(new BufferedInputStream(connection.getInputStream()));
        }
    }
}
