package com.envoyx.systemtest.shutdown;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A customer's socket on invoice-service's {@code /api/v1/ws} (the JDK's WebSocket client, key in
 * {@code X-API-Key}), remembering the code the server closed it with.
 */
final class EventsSocket implements WebSocket.Listener, AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(15);

    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private WebSocket socket;

    private EventsSocket() {
    }

    /** The open socket, or empty with the HTTP status that refused the upgrade. */
    static Upgrade open(String replicaUrl, String apiKey) throws InterruptedException {
        EventsSocket listener = new EventsSocket();
        URI uri = URI.create(replicaUrl.replaceFirst("^http", "ws") + "/api/v1/ws");
        try {
            listener.socket = HTTP.newWebSocketBuilder().connectTimeout(HANDSHAKE_TIMEOUT).header("X-API-Key", apiKey)
                    .buildAsync(uri, listener).get(HANDSHAKE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new Upgrade(Optional.of(listener), 101);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return new Upgrade(Optional.empty(), refused.getResponse().statusCode());
            }
            throw new AssertionError("the upgrade at " + uri + " failed without an HTTP answer", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no answer to the upgrade at " + uri + " within " + HANDSHAKE_TIMEOUT, e);
        }
    }

    /** An upgrade's outcome: the socket when it opened (101), else the refusal's status. */
    record Upgrade(Optional<EventsSocket> socket, int status) {
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        // Returning completes the closing handshake: the JDK answers with its own close frame.
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.completeExceptionally(error);
    }

    /** The close code the server sent, once it closed the socket. */
    int awaitServerClose(Duration timeout) throws InterruptedException {
        try {
            return closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the socket broke instead of being closed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the server did not close the socket within " + timeout, e);
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        socket.abort();
    }
}
