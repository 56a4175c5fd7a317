package com.envoyx.invoice.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many requests of one key at once from a pool of client threads (JDK HTTP client, one
 * connection per thread at most), released together, every answer kept for the test to count.
 */
public final class Burst {

    /** The seed's 429 body; group 1 is {@code retry_after}. */
    public static final Pattern SEED_429 = Pattern.compile("\\{\"success\":false,\"status\":429,\"code\":\"RATE_LIMIT_EXCEEDED\","
            + "\"message\":\"Too many requests\\. Please try again later\\.\",\"data\":\\{\"retry_after\":(\\d+)}}");

    private Burst() {
    }

    public static List<HttpResponse<String>> get(URI uri, String key, int requests, int threads) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).header("X-API-Key", key).timeout(Duration.ofSeconds(20)).GET().build();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return client.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : sent) {
                answers.add(answer.get());
            }
            return answers;
        } catch (Exception e) {
            throw new IllegalStateException("burst failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    public static long count(List<HttpResponse<String>> answers, int status) {
        return answers.stream().filter(answer -> answer.statusCode() == status).count();
    }

    /**
     * Fails unless every answer is a 200 or the seed's exact 429 whose {@code retry_after} (1 to 60)
     * equals its Retry-After and whose budget headers say nothing is left.
     */
    public static void assertAdmittedOrSeed429(List<HttpResponse<String>> answers) {
        for (HttpResponse<String> answer : answers) {
            if (answer.statusCode() == 200) {
                continue;
            }
            if (answer.statusCode() != 429) {
                throw new AssertionError("neither 200 nor 429: " + answer.statusCode() + " " + answer.body());
            }
            Matcher body = SEED_429.matcher(answer.body());
            if (!body.matches()) {
                throw new AssertionError("not the seed's 429 body: " + answer.body());
            }
            long retryAfter = Long.parseLong(body.group(1));
            String header = answer.headers().firstValue("Retry-After").orElse("");
            if (retryAfter < 1 || retryAfter > 60 || !header.equals(Long.toString(retryAfter))) {
                throw new AssertionError("retry_after " + retryAfter + " vs Retry-After " + header);
            }
            if (!"0".equals(answer.headers().firstValue("X-RateLimit-Remaining").orElse(""))) {
                throw new AssertionError("a 429 with budget left: " + answer.headers().map());
            }
        }
    }
}
