package com.envoyx.systemtest.webhooks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code receiver.js} under node: the public docs' signature check and the {@code standardwebhooks}
 * npm package (installed with npm into this receiver's own directory, pinned), on 127.0.0.1. Each
 * delivery it got is one JSON line: which secrets verified it by each method, and what it answered.
 */
final class NodeWebhookReceiver implements AutoCloseable {

    /** The Standard Webhooks reference library for TypeScript/JavaScript, pinned. */
    static final String LIBRARY = "standardwebhooks@1.1.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process node;
    private final Path log;
    private final Path secrets;
    private final int port;

    NodeWebhookReceiver(Path directory) throws IOException, InterruptedException, URISyntaxException {
        Process npm = new ProcessBuilder("npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix",
                directory.toString(), LIBRARY).redirectErrorStream(true).start();
        String npmOutput = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(180, TimeUnit.SECONDS) || npm.exitValue() != 0) {
            throw new IllegalStateException("npm install " + LIBRARY + " failed: " + npmOutput);
        }
        Path script = directory.resolve("receiver.js");
        Files.copy(Path.of(NodeWebhookReceiver.class.getResource("/webhooks/receiver.js").toURI()), script);
        log = directory.resolve("deliveries.jsonl");
        secrets = directory.resolve("secrets.json");
        Files.writeString(log, "");
        Files.writeString(secrets, "{}");
        ProcessBuilder builder = new ProcessBuilder("node", script.toString()).directory(directory.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(Map.of("LOG_FILE", log.toString(), "SECRETS_FILE", secrets.toString()));
        node = builder.start();
        String first = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (first == null || !first.startsWith("listening ")) {
            node.destroyForcibly();
            throw new IllegalStateException("the node receiver did not start: " + first);
        }
        port = Integer.parseInt(first.substring("listening ".length()).trim());
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The secrets each path's deliveries are verified with (all of them, each on its own). */
    void verifyWith(Map<String, List<String>> secretsByPath) throws IOException {
        Files.writeString(secrets, JSON.writeValueAsString(secretsByPath));
    }

    List<JsonNode> deliveries(Predicate<JsonNode> which) throws IOException {
        List<JsonNode> matching = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (!line.isBlank()) {
                JsonNode delivery = JSON.readTree(line);
                if (which.test(delivery)) {
                    matching.add(delivery);
                }
            }
        }
        return matching;
    }

    List<JsonNode> await(Predicate<JsonNode> which, int count, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        List<JsonNode> found = deliveries(which);
        while (found.size() < count) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("expected " + count + " deliveries within " + timeoutMillis + " ms, got "
                        + found + "; all: " + Files.readString(log));
            }
            Thread.sleep(100);
            found = deliveries(which);
        }
        return found;
    }

    @Override
    public void close() {
        node.destroy();
    }
}
