package com.envoyx.systemtest.websocket;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.envoyx.systemtest.support.EventSocket;
import com.envoyx.systemtest.support.SuiteClient;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An outside client: {@code events_client.py} (test resources) run by Debian's {@code /usr/bin/python3}
 * with its python3-websockets, as .ci/run installs them. The key travels in the environment, never
 * on a command line.
 */
final class PythonClient implements AutoCloseable {

    /** How the key is sent: {@code X-API-Key}, {@code ?api_key=}, or not at all. */
    enum KeyIn {
        HEADER, QUERY, NONE
    }

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder errors = new StringBuilder();

    private PythonClient(Process process) {
        this.process = process;
        pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), lines::add);
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)),
                line -> {
                    synchronized (errors) {
                        errors.append(line).append('\n');
                    }
                });
    }

    /** Connects, sends {@code ping}, then prints every message; read them with {@link #next()}. */
    static PythonClient listen(String invoiceUrl, String apiKey, KeyIn keyIn) throws IOException {
        return new PythonClient(start("listen", invoiceUrl, apiKey, keyIn));
    }

    /** One upgrade request; its answer: {@code status} (101 when accepted), {@code retry_after} and {@code body}. */
    static JsonNode upgradeAnswer(String invoiceUrl, String apiKey, KeyIn keyIn) throws IOException, InterruptedException {
        try (PythonClient client = new PythonClient(start("refused", invoiceUrl, apiKey, keyIn))) {
            return SuiteClient.json(client.next());
        }
    }

    private static Process start(String mode, String invoiceUrl, String apiKey, KeyIn keyIn) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/python3", script().toString(), mode,
                EventSocket.uri(invoiceUrl).toString(), keyIn.name().toLowerCase());
        Map<String, String> environment = builder.environment();
        if (apiKey != null) {
            environment.put("ENVOYX_API_KEY", apiKey);
        }
        return builder.start();
    }

    private static Path script() {
        try {
            return Path.of(PythonClient.class.getResource("/websocket/events_client.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pump(BufferedReader reader, Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try (reader) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                sink.accept("[output closed: " + e + "]");
            }
        }, "python-client-output");
        thread.setDaemon(true);
        thread.start();
    }

    /** The next line the client printed (one message); fails with the client's errors when none comes. */
    String next() throws InterruptedException {
        String line = lines.poll(EventSocket.WAIT.toSeconds(), TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("the Python client printed nothing within " + EventSocket.WAIT
                    + (process.isAlive() ? "" : " and exited with " + process.exitValue()) + "; stderr:\n" + errors());
        }
        return line;
    }

    /** The events about invoice {@code id}, in arrival order, up to and including the one named {@code last}. */
    List<JsonNode> eventsOf(String id, String last) throws Exception {
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

    String errors() {
        synchronized (errors) {
            return errors.toString();
        }
    }

    /** Closing its standard input tells a listening client to close its socket normally and exit. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(EventSocket.WAIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the Python client did not exit; stderr:\n" + errors());
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("the Python client failed with " + process.exitValue() + ":\n" + errors());
        }
    }
}
