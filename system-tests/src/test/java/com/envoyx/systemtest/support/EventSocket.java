package com.envoyx.systemtest.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * invoice-service's event socket through the JDK's WebSocket client: collects text messages and
 * the close code with the moment it arrived. Every wait is bounded by a generous {@link #WAIT}.
 */
public final class EventSocket implements WebSocket.Listener, AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The server's close: its code and {@link System#nanoTime()} when it arrived. */
    public record Closed(int code, long atNanos) {
    }

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;

    private EventSocket() {
    }

    /** {@code ws://} URI of the event socket of the invoice-service at {@code invoiceUrl} ({@code http://host:port}). */
    public static URI uri(String invoiceUrl) {
        return URI.create(invoiceUrl.replaceFirst("^http", "ws") + "/api/v1/ws");
    }

    /** Opens a socket with the key in {@code X-API-Key}; fails with the JDK's handshake exception when refused. */
    public static EventSocket open(String invoiceUrl, String apiKey) throws InterruptedException, TimeoutException, ExecutionException {
        EventSocket listener = new EventSocket();
        listener.socket = HTTP.newWebSocketBuilder()
                .connectTimeout(WAIT)
                .header("X-API-Key", apiKey)
                .buildAsync(uri(invoiceUrl), listener)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return listener;
    }

    /**
     * Upgrades {@code /api/v1/ws?ticket=} (a ticket from {@code POST /api/v1/ws/ticket}), with
     * {@code headers} besides: the socket when it opened (101), else the refusal's status.
     */
    public static Upgrade tryOpenWithTicket(String invoiceUrl, String ticket, Map<String, String> headers)
            throws InterruptedException, TimeoutException {
        URI uri = URI.create(uri(invoiceUrl) + "?ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8));
        try {
            EventSocket listener = new EventSocket();
            WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
            headers.forEach(builder::header);
            listener.socket = builder.buildAsync(uri, listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return new Upgrade(Optional.of(listener), 101);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return new Upgrade(Optional.empty(), refused.getResponse().statusCode());
            }
            throw new AssertionError("the upgrade at " + uri(invoiceUrl) + " failed without an HTTP answer", e.getCause());
        }
    }

    /** The socket when the upgrade succeeded (101), else empty with the status that refused it. */
    public static Upgrade tryOpen(String invoiceUrl, String apiKey) throws InterruptedException, TimeoutException {
        try {
            return new Upgrade(Optional.of(open(invoiceUrl, apiKey)), 101);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return new Upgrade(Optional.empty(), refused.getResponse().statusCode());
            }
            throw new AssertionError("the upgrade at " + uri(invoiceUrl) + " failed without an HTTP answer", e.getCause());
        }
    }

    /**
     * Opens a socket for a key whose connection slots are all taken until one is released: the
     * replica that served a closed socket releases its lease at ratelimit-service a moment after
     * the close handshake, and until then an upgrade is (correctly) refused 429.
     */
    public static EventSocket openOnceASlotIsFree(String invoiceUrl, String apiKey)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Upgrade upgrade = tryOpen(invoiceUrl, apiKey);
            if (upgrade.socket().isPresent()) {
                return upgrade.socket().get();
            }
            if (upgrade.status() != 429) {
                throw new AssertionError("the upgrade was refused " + upgrade.status() + " while waiting for a slot");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no connection slot freed within " + WAIT);
            }
            Thread.sleep(100);
        }
    }

    /** An upgrade's outcome: the socket when it opened (101), else the refusal's status. */
    public record Upgrade(Optional<EventSocket> socket, int status) {
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, System.nanoTime()));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    /** Sends {@code ping} and expects the documented answer, which proves the socket is served. */
    public void pingPong() throws InterruptedException {
        socket.sendText("ping", true).join();
        String answer = next();
        if (!answer.equals("{\"event\":\"pong\"}")) {
            throw new AssertionError("expected the pong but got " + answer);
        }
    }

    public String next() throws InterruptedException {
        String message = messages.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + WAIT);
        }
        return message;
    }

    /** The events about invoice {@code id}, in arrival order, up to and including the one named {@code last}. */
    public List<JsonNode> eventsOf(String id, String last) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        while (true) {
            JsonNode event = SuiteClient.json(next());
            if (id.equals(event.path("data").path("id").asText())) {
                events.add(event);
                if (event.path("event").asText().equals(last)) {
                    return events;
                }
            }
        }
    }

    public Closed awaitClose() throws InterruptedException {
        try {
            return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the socket failed instead of being closed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the socket was not closed within " + WAIT, e);
        }
    }

    /** Closes normally from the client side and waits for the server's answering close. */
    @Override
    public void close() throws InterruptedException {
        if (!socket.isOutputClosed()) {
            // The server may close first in between (e.g. after a 4008): the socket is closing
            // either way, so a refused close frame is not a failure.
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(alreadyClosed -> null).join();
        }
        try {
            closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            socket.abort();
        }
    }
}
