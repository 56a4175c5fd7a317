package com.envoyx.invoice.webhooks.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.invoice.platform.OnWorker;
import com.envoyx.invoice.webhooks.config.WebhookConfig;
import com.envoyx.invoice.webhooks.model.AttemptOutcome;
import com.envoyx.invoice.webhooks.model.WebhookTarget;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * POSTs one delivery with Vert.x's non-blocking HTTP client. The host is resolved first and every
 * address it has is checked ({@link WebhookTarget#forbidden}); the connection then goes to that
 * checked address while TLS (SNI, certificate check) and Host use the name, so a DNS answer that
 * changes after the check cannot send it elsewhere. Redirects are not followed (a 3xx is a failed
 * attempt); the whole attempt is bounded by the timeout; at most {@code maxResponseBytes} of the
 * answer are read, and the connection is dropped rather than read further.
 */
@ApplicationScoped
public class WebhookSender {

    private final HttpClient http;
    private final Vertx vertx;
    private final OnWorker worker;
    private final WebhookConfig config;

    WebhookSender(Vertx vertx, OnWorker worker, WebhookConfig config) {
        this.vertx = vertx;
        this.worker = worker;
        this.config = config;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.timeout().toMillis())
                .setForceSni(true)
                .setVerifyHost(true)
                .setMaxRedirects(0)
                .setKeepAlive(true)
                .setMaxPoolSize(config.concurrency()));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    public Uni<AttemptOutcome> send(String url, String body, Map<String, String> headers) {
        long started = System.nanoTime();
        WebhookTarget.Result parsed = WebhookTarget.parse(url, config.allowPrivateTargets());
        if (parsed.target().isEmpty()) {
            return Uni.createFrom().item(AttemptOutcome.failed("The endpoint URL is not allowed: " + parsed.refusal(), 0));
        }
        WebhookTarget target = parsed.target().get();
        return worker.call(() -> resolve(target.host()))
                .flatMap(address -> address.isEmpty()
                        ? Uni.createFrom().item(AttemptOutcome.failed("The endpoint's host name does not resolve.", millisSince(started)))
                        : refusal(address.get()).map(why -> Uni.createFrom().item(AttemptOutcome.failed(why, millisSince(started))))
                                .orElseGet(() -> post(target, address.get()[0], body, headers, started)));
    }

    private Optional<String> refusal(InetAddress[] addresses) {
        if (config.allowPrivateTargets()) {
            return Optional.empty();
        }
        return Arrays.stream(addresses).filter(WebhookTarget::forbidden).findFirst()
                .map(address -> "The endpoint's host resolves to " + address.getHostAddress()
                        + ", a private, loopback, link-local or reserved address; deliveries go to public addresses only.");
    }

    private static Optional<InetAddress[]> resolve(String host) {
        try {
            return Optional.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private Uni<AttemptOutcome> post(WebhookTarget target, InetAddress address, String body, Map<String, String> headers,
                                     long started) {
        Promise<AttemptOutcome> result = Promise.promise();
        AtomicBoolean done = new AtomicBoolean();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(target.port(), address.getHostAddress()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.tls())
                .setURI(target.pathAndQuery())
                .setFollowRedirects(false)
                .setConnectTimeout(config.timeout().toMillis());
        headers.forEach(options::putHeader);
        options.putHeader("Content-Type", "application/json");
        options.putHeader("User-Agent", "EnvoyX-Webhooks/1");
        HttpClientRequest[] sent = new HttpClientRequest[1];
        long timer = vertx.setTimer(config.timeout().toMillis(), ignored -> {
            if (done.compareAndSet(false, true)) {
                if (sent[0] != null) {
                    sent[0].reset();
                }
                result.complete(AttemptOutcome.failed("No answer within " + config.timeout().toMillis() + " ms.",
                        millisSince(started)));
            }
        });
        http.request(options).onSuccess(request -> {
            sent[0] = request;
            request.send(Buffer.buffer(body)).onSuccess(response -> readBounded(request, response, done, timer, result,
                    started)).onFailure(e -> fail(done, timer, result, e, started));
        }).onFailure(e -> fail(done, timer, result, e, started));
        return Uni.createFrom().completionStage(result.future().toCompletionStage());
    }

    private void readBounded(HttpClientRequest request, HttpClientResponse response, AtomicBoolean done, long timer,
                             Promise<AttemptOutcome> result, long started) {
        long[] read = {0};
        response.handler(chunk -> {
            read[0] += chunk.length();
            if (read[0] > config.maxResponseBytes() && done.compareAndSet(false, true)) {
                vertx.cancelTimer(timer);
                request.reset();
                result.complete(AttemptOutcome.answered(response.statusCode(), millisSince(started)));
            }
        });
        response.endHandler(ignored -> {
            if (done.compareAndSet(false, true)) {
                vertx.cancelTimer(timer);
                result.complete(AttemptOutcome.answered(response.statusCode(), millisSince(started)));
            }
        });
        response.exceptionHandler(e -> fail(done, timer, result, e, started));
    }

    private void fail(AtomicBoolean done, long timer, Promise<AttemptOutcome> result, Throwable e, long started) {
        if (done.compareAndSet(false, true)) {
            vertx.cancelTimer(timer);
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            result.complete(AttemptOutcome.failed("The request failed: " + why, millisSince(started)));
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
