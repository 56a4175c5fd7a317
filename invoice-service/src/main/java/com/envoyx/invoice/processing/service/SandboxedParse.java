package com.envoyx.invoice.processing.service;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.logging.LogManager;

import com.envoyx.invoice.extraction.model.InvoiceExtraction;
import com.envoyx.invoice.invoices.model.ExtractedMetadata;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The main class of the child JVM that parses one document for {@link ParseSandbox}, and the
 * format of what it answers. Arguments: the file, the most pages to read, the time limit in
 * milliseconds. It prints one JSON line and exits {@link #READ}; a document that needs more heap
 * than the child has ends it with the JVM's own exit code 3 ({@code -XX:+ExitOnOutOfMemoryError});
 * past the time limit it halts itself with {@link #OUT_OF_TIME}, in case the service that
 * started it is gone and cannot kill it.
 */
public final class SandboxedParse {

    static final int READ = 0;
    static final int CANNOT_READ_FILE = 1;
    static final int OUT_OF_MEMORY = 3;
    static final int OUT_OF_TIME = 4;
    /** The service kills the child at the time limit; the child's own stop is for when nobody is left to. */
    static final long SELF_STOP_GRACE_MILLIS = 5_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SandboxedParse() {
    }

    public static void main(String[] args) {
        // PDFBox reports every irregularity of a customer's file; the answer is the outcome, not the log.
        LogManager.getLogManager().reset();
        stopSelfAfter(Long.parseLong(args[2]) + SELF_STOP_GRACE_MILLIS);
        PdfAnalysis analysis;
        try {
            analysis = new PdfAnalyzer(Integer.parseInt(args[1])).analyze(Path.of(args[0]));
        } catch (IOException e) {
            e.printStackTrace();
            Runtime.getRuntime().halt(CANNOT_READ_FILE);
            return;
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println(encode(analysis));
        Runtime.getRuntime().halt(READ);
    }

    static String encode(PdfAnalysis analysis) {
        Answer answer = analysis instanceof PdfAnalysis.Readable readable
                ? new Answer(readable.metadata(), readable.extraction(), null)
                : new Answer(null, null, ((PdfAnalysis.Unreadable) analysis).message());
        try {
            return JSON.writeValueAsString(answer);
        } catch (IOException e) {
            throw new IllegalStateException("an analysis always serialises", e);
        }
    }

    static PdfAnalysis decode(String line) throws IOException {
        Answer answer = JSON.readValue(line, Answer.class);
        if (answer.metadata() != null && answer.extraction() != null) {
            return new PdfAnalysis.Readable(answer.metadata(), answer.extraction());
        }
        if (answer.unreadable() != null) {
            return new PdfAnalysis.Unreadable(answer.unreadable());
        }
        throw new IOException("the parser answered neither metadata and extraction nor a reason: " + line);
    }

    private static void stopSelfAfter(long millis) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(millis);
                Runtime.getRuntime().halt(OUT_OF_TIME);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "envoyx-parse-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** What the child prints: metadata and extraction, or the reason the document cannot be read. */
    record Answer(ExtractedMetadata metadata, InvoiceExtraction extraction, String unreadable) {
    }
}
