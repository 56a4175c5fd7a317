package com.envoyx.invoice.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 that receives webhook deliveries and records them. Paths:
 * {@code /ok} answers 200; {@code /fail-twice} answers 500 to the first two deliveries of each
 * event id, then 200; {@code /redirect} answers 302 to {@code /ok}; {@code /down} always 503.
 */
public final class WebhookReceiver implements AutoCloseable {

    public record Delivery(String path, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Delivery> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    public WebhookReceiver() throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            Map<String, String> headers = new ConcurrentHashMap<>();
            request.headers().forEach(header -> headers.put(header.getKey().toLowerCase(), header.getValue()));
            received.add(new Delivery(request.path(), headers, body.toString()));
            String eventId = headers.getOrDefault("webhook-id", "");
            int status = switch (request.path()) {
                case "/ok" -> 200;
                case "/fail-twice" -> failures.computeIfAbsent(eventId, id -> new AtomicInteger()).incrementAndGet() <= 2
                        ? 500 : 200;
                case "/redirect" -> 302;
                default -> 503;
            };
            request.response().setStatusCode(status).putHeader("Location", "/ok").end("answered " + status);
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    public List<Delivery> received(Predicate<Delivery> which) {
        return received.stream().filter(which).toList();
    }

    /** Waits until {@code count} deliveries match, then answers all that match. */
    public List<Delivery> await(Predicate<Delivery> which, int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (received(which).size() < count) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("expected " + count + " matching deliveries within " + timeoutMillis
                        + " ms, got " + received(which).size() + " of " + received);
            }
            Thread.sleep(50);
        }
        return received(which);
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
