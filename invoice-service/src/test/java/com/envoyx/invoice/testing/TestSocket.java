package com.envoyx.invoice.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real WebSocket client (the JDK's) that collects text messages and the close code. A paused
 * socket asks for no messages, so the JDK stops reading and the server's writes back up, as with
 * a client that cannot keep up; {@link #resume()} reads everything.
 */
public final class TestSocket implements WebSocket.Listener, AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final boolean paused;
    private volatile WebSocket socket;

    private TestSocket(boolean paused) {
        this.paused = paused;
    }

    public static TestSocket open(URI uri, Map<String, String> headers) {
        return connect(uri, headers, false);
    }

    public static TestSocket openPaused(URI uri, Map<String, String> headers) {
        return connect(uri, headers, true);
    }

    /** The HTTP status that refused the upgrade. */
    public static int refusal(URI uri, Map<String, String> headers) {
        try {
            open(uri, headers).close();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
        throw new AssertionError("the upgrade was accepted");
    }

    private static TestSocket connect(URI uri, Map<String, String> headers, boolean paused) {
        TestSocket listener = new TestSocket(paused);
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        try {
            listener.socket = builder.buildAsync(uri, listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("no answer to the upgrade of " + uri.getPath(), e);
        }
        return listener;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        if (!paused) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        if (!paused) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.completeExceptionally(error);
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The next message; fails after a generous wait. */
    public String next() {
        try {
            String message = messages.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no message within " + WAIT);
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Messages received so far and not yet taken. */
    public int pending() {
        return messages.size();
    }

    /** The code the server closed with. */
    public int awaitClose() {
        try {
            return closeCode.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the socket failed instead of closing", e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("the socket was not closed within " + WAIT, e);
        }
    }

    public void resume() {
        socket.request(Long.MAX_VALUE);
    }

    /** Closes from the client side (normal closure) and waits until the server answered. */
    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            // The server may close first in between (e.g. after a 4008): the socket is closing
            // either way, so a refused close frame is not a failure.
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(alreadyClosed -> null).join();
        }
        if (paused) {
            resume();
        }
        try {
            closeCode.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            socket.abort();
        }
    }
}
