import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Processing and WebSocket benchmark of invoice-service, run by processing-bench.sh against a
 * running suite. Prints figures, asserts nothing.
 *
 * <p>One key, five sockets (its whole connection allowance) open throughout. (1) Latency: uploads
 * one after another of a 1-page and a 100-page text PDF (made with PDFBox, distinct bytes each),
 * time from the upload's 201 response to the invoice's terminal event (processed, flagged or
 * failed; which one is printed) on socket 1, beside the baseline: the same documents parsed by
 * PDFBox alone in this JVM, doing what the pipeline's parse does (load from a file, page count,
 * text probe to the first glyph, document information). (2) Fan-out: uploads from several
 * threads at once; every status change (uploaded, processing, terminal) counted at each of the
 * five clients, events per second delivered beside the status changes per second the service
 * committed times five (what complete fan-out needs).
 *
 * <p>Arguments: invoiceUrl latencyUploads fanoutUploads fanoutThreads; the key in ENVOYX_API_KEY.
 */
public class ProcessingBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** uploaded, processing, extracted, validated and the outcome: every upload of this benchmark is read. */
    private static final int EVENTS_PER_UPLOAD = 5;
    private static final Set<String> TERMINAL = Set.of("invoice.processed", "invoice.flagged", "invoice.failed");
    private static final int SOCKETS = 5;
    private static final int WARM_UP = 5;
    private static final Duration EVENT_WAIT = Duration.ofSeconds(120);

    private final String invoiceUrl;
    private final String apiKey;
    private final List<Client> clients = new ArrayList<>();

    private ProcessingBench(String invoiceUrl, String apiKey) {
        this.invoiceUrl = invoiceUrl;
        this.apiKey = apiKey;
    }

    public static void main(String[] args) throws Exception {
        ProcessingBench bench = new ProcessingBench(args[0], System.getenv("ENVOYX_API_KEY"));
        int latencyUploads = Integer.parseInt(args[1]);
        int fanoutUploads = Integer.parseInt(args[2]);
        int fanoutThreads = Integer.parseInt(args[3]);
        bench.openSockets();
        Path scratch = Files.createTempDirectory("envoyx-processing-bench-");
        try {
            bench.latency("1 page", 1, latencyUploads, scratch);
            bench.latency("100 pages", 100, latencyUploads, scratch);
            bench.fanout(fanoutUploads, fanoutThreads);
        } finally {
            for (Client client : bench.clients) {
                client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
            }
            try (var files = Files.list(scratch)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(scratch);
        }
    }

    private void openSockets() throws Exception {
        URI uri = URI.create(invoiceUrl.replaceFirst("^http", "ws") + "/api/v1/ws");
        for (int i = 0; i < SOCKETS; i++) {
            Client client = new Client();
            client.socket = HTTP.newWebSocketBuilder().header("X-API-Key", apiKey)
                    .buildAsync(uri, client).get(30, TimeUnit.SECONDS);
            client.socket.sendText("ping", true).join();
            client.pong.get(30, TimeUnit.SECONDS);
            clients.add(client);
        }
    }

    private void latency(String name, int pages, int uploads, Path scratch) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            byte[] pdf = pdf(pages, "warm-up " + i);
            clients.get(0).terminalOf(upload(pdf).id).get(EVENT_WAIT.toSeconds(), TimeUnit.SECONDS);
            parse(write(scratch, pdf));
        }
        List<Double> pipeline = new ArrayList<>();
        List<Double> pickUp = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        Map<String, Integer> terminals = new TreeMap<>();
        long bytes = 0;
        for (int i = 0; i < uploads; i++) {
            byte[] pdf = pdf(pages, name + " " + i);
            bytes += pdf.length;
            files.add(write(scratch, pdf));
            Uploaded uploaded = upload(pdf);
            Arrival terminal = clients.get(0).terminalOf(uploaded.id).get(EVENT_WAIT.toSeconds(), TimeUnit.SECONDS);
            pipeline.add(millis(terminal.nanos - uploaded.answeredAt));
            Arrival processing = clients.get(0).arrival(uploaded.id, "invoice.processing");
            if (processing != null) {
                pickUp.add(millis(processing.nanos - uploaded.answeredAt));
            }
            terminals.merge(terminal.event, 1, Integer::sum);
        }
        List<Double> parse = new ArrayList<>();
        for (Path file : files) {
            long start = System.nanoTime();
            parse(file);
            parse.add(millis(System.nanoTime() - start));
        }
        System.out.println("== processing latency, " + name + " (" + uploads + " uploads one at a time, "
                + bytes / uploads / 1024 + " KiB each)");
        System.out.printf(Locale.ROOT, "terminal events: %s%n", terminals);
        System.out.printf(Locale.ROOT, "latency[%s]: upload response -> terminal event p50 %.2f ms p99 %.2f ms"
                        + " | -> invoice.processing p50 %.2f ms | PDFBox parse alone p50 %.2f ms p99 %.2f ms | ratio p50 %.1f%n",
                name, percentile(pipeline, 50), percentile(pipeline, 99), percentile(pickUp, 50),
                percentile(parse, 50), percentile(parse, 99), percentile(pipeline, 50) / percentile(parse, 50));
    }

    private void fanout(int uploads, int threads) throws Exception {
        byte[][] documents = new byte[uploads][];
        for (int i = 0; i < uploads; i++) {
            documents[i] = pdf(1, "fan-out " + i);
        }
        Map<String, Long> answeredAt = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> sent = new ArrayList<>();
        for (byte[] document : documents) {
            sent.add(pool.submit(() -> {
                Uploaded uploaded = upload(document);
                answeredAt.put(uploaded.id, uploaded.answeredAt);
                return null;
            }));
        }
        for (Future<?> upload : sent) {
            upload.get();
        }
        double uploadSeconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Set<String> ids = answeredAt.keySet();
        List<Double> uploadedLag = new ArrayList<>();
        for (Client client : clients) {
            for (String id : ids) {
                try {
                    client.terminalOf(id).get(EVENT_WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    break;
                }
                Arrival uploaded = client.arrival(id, "invoice.uploaded");
                if (uploaded != null) {
                    uploadedLag.add(millis(uploaded.nanos - answeredAt.get(id)));
                }
            }
        }

        List<Long> arrivals = new ArrayList<>();
        long changes = 0;
        for (Client client : clients) {
            for (Arrival arrival : client.arrivals) {
                if (ids.contains(arrival.id)) {
                    arrivals.add(arrival.nanos);
                }
            }
        }
        for (String id : ids) {
            changes += clients.get(0).eventsOf(id);
        }
        Collections.sort(arrivals);
        long expected = (long) uploads * EVENTS_PER_UPLOAD * SOCKETS;
        double window = (arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1e9;
        Map<Long, Integer> perSecond = new TreeMap<>();
        for (long nanos : arrivals) {
            perSecond.merge((nanos - arrivals.get(0)) / 1_000_000_000L, 1, Integer::sum);
        }
        int peak = perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        double delivered = arrivals.size() / window;
        double committed = changes / window;
        System.out.println("== WebSocket fan-out, " + SOCKETS + " sockets of one key, " + uploads + " uploads from "
                + threads + " threads");
        System.out.printf(Locale.ROOT, "uploads: %d in %.1f s (%.1f/s); status changes seen on socket 1: %d (" + EVENTS_PER_UPLOAD + " per upload expected)%n",
                uploads, uploadSeconds, uploads / uploadSeconds, changes);
        System.out.printf(Locale.ROOT, "upload response -> invoice.uploaded at each client: p50 %.2f ms p99 %.2f ms%n",
                percentile(uploadedLag, 50), percentile(uploadedLag, 99));
        System.out.printf(Locale.ROOT, "fanout: %d of %d events delivered (%d missing) in %.2f s: %.1f events/s at the clients"
                        + " (peak 1-second %d) | status changes %.1f/s x %d sockets = %.1f/s needed | ratio %.2f%n",
                arrivals.size(), expected, expected - arrivals.size(), window, delivered, peak, committed, SOCKETS,
                committed * SOCKETS, delivered / (committed * SOCKETS));
    }

    private record Uploaded(String id, long answeredAt) {
    }

    private Uploaded upload(byte[] pdf) throws IOException, InterruptedException {
        String boundary = "bench-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"invoice.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(pdf);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpRequest request = HttpRequest.newBuilder(URI.create(invoiceUrl + "/api/v1/invoices/upload"))
                .timeout(Duration.ofSeconds(60))
                .header("X-API-Key", apiKey)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        long answeredAt = System.nanoTime();
        if (response.statusCode() != 201) {
            throw new IllegalStateException("upload answered " + response.statusCode() + ": " + response.body());
        }
        return new Uploaded(JSON.readTree(response.body()).path("data").path("id").asText(), answeredAt);
    }

    /** A text invoice of {@code pages} A4 pages, 40 lines each; {@code label} makes its bytes unique. */
    private static byte[] pdf(int pages, String label) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int number = 1; number <= pages; number++) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 10);
                    content.newLineAtOffset(56, 790);
                    content.showText("Invoice " + label + ", page " + number + " of " + pages);
                    for (int line = 1; line <= 40; line++) {
                        content.newLineAtOffset(0, -18);
                        content.showText(String.format(Locale.ROOT, "Item %d-%d  consulting services  qty %d  unit 125.00 EUR  total %d.00 EUR",
                                number, line, line, line * 125));
                    }
                    content.endText();
                }
            }
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("Invoice " + label);
            info.setAuthor("EnvoyX benchmark");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    private static Path write(Path directory, byte[] pdf) throws IOException {
        Path file = directory.resolve(UUID.randomUUID() + ".pdf");
        Files.write(file, pdf);
        return file;
    }

    /** What the pipeline's parse does, without queue, database, blob store or events. */
    private static void parse(Path file) throws IOException {
        try (PDDocument document = Loader.loadPDF(new RandomAccessReadBufferedFile(file))) {
            PDDocumentInformation info = document.getDocumentInformation();
            if (document.getNumberOfPages() == 0 || !FirstGlyph.found(document) || info.getTitle() == null) {
                throw new IllegalStateException(file + " is not the benchmark's text invoice");
            }
        }
    }

    /** Stops the text stripper at the first glyph with a Unicode mapping, as the pipeline's probe does. */
    private static final class FirstGlyph extends PDFTextStripper {
        private static final RuntimeException FOUND = new RuntimeException(null, null, false, false) { };

        static boolean found(PDDocument document) throws IOException {
            try {
                new FirstGlyph().getText(document);
                return false;
            } catch (RuntimeException e) {
                if (e == FOUND) {
                    return true;
                }
                throw e;
            }
        }

        @Override
        protected void processTextPosition(TextPosition text) {
            if (text.getUnicode() != null && !text.getUnicode().isBlank()) {
                throw FOUND;
            }
        }
    }

    private record Arrival(String id, String event, long nanos) {
    }

    /** One socket: every event with its arrival time, and a future per invoice for its terminal event. */
    private static final class Client implements WebSocket.Listener {
        final Queue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
        final Map<String, Arrival> byIdAndEvent = new ConcurrentHashMap<>();
        final Map<String, CompletableFuture<Arrival>> terminals = new ConcurrentHashMap<>();
        final CompletableFuture<Void> pong = new CompletableFuture<>();
        final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode message = JSON.readTree(text);
                    String event = message.path("event").asText();
                    if (event.equals("pong")) {
                        pong.complete(null);
                    } else {
                        String id = message.path("data").path("id").asText();
                        Arrival arrival = new Arrival(id, event, now);
                        arrivals.add(arrival);
                        byIdAndEvent.putIfAbsent(id + " " + event, arrival);
                        if (TERMINAL.contains(event)) {
                            terminalOf(id).complete(arrival);
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("not JSON: " + text, e);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (statusCode != WebSocket.NORMAL_CLOSURE) {
                System.out.println("socket closed by the server: " + statusCode + " " + reason);
            }
            return null;
        }

        CompletableFuture<Arrival> terminalOf(String id) {
            return terminals.computeIfAbsent(id, key -> new CompletableFuture<>());
        }

        Arrival arrival(String id, String event) {
            return byIdAndEvent.get(id + " " + event);
        }

        long eventsOf(String id) {
            return arrivals.stream().filter(arrival -> arrival.id.equals(id)).count();
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static double percentile(List<Double> values, int percentile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
