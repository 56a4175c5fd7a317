package com.envoyx.invoice.processing.service;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.commons.logging.LogFactory;
import org.apache.fontbox.FontBoxFont;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.pdmodel.PDDocument;

import com.envoyx.invoice.platform.OnWorker;
import com.envoyx.invoice.processing.config.ProcessingConfig;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Parses each document in a child JVM of its own ({@link SandboxedParse}) with a small heap and
 * the time limit, so that no document can cost this replica more than that: a decompression bomb
 * kills the child with an OutOfMemoryError, a hang is killed at the limit, and this JVM keeps
 * running and processing other accounts' invoices. The child is started with this JVM's
 * {@code java} and only the jars the parse needs (found from where their classes were loaded,
 * which works from the packaged {@code quarkus-app} and from a test alike); the wait runs on a
 * worker through {@link OnWorker}. How many children run at once is the pipeline's concurrency.
 */
@ApplicationScoped
class ParseSandbox {

    private static final long POLL_MILLIS = 50;
    private static final int MAX_ANSWER_BYTES = 1024 * 1024;
    private static final int MAX_ERROR_CHARS = 2000;
    /** Environment variables the JVM reads options from: the service's own must not reach the child. */
    private static final List<String> JVM_OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private final ProcessingConfig config;
    private final OnWorker onWorker;
    private final List<String> command;

    ParseSandbox(ProcessingConfig config, OnWorker onWorker) {
        this.config = config;
        this.onWorker = onWorker;
        this.command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + config.parserHeap().asLongValue(),
                "-XX:+ExitOnOutOfMemoryError",
                // A short-lived, single-threaded parse: the smallest collector, no tiered
                // compilation past C1, one CPU's worth of JVM threads; all to start fast.
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:ActiveProcessorCount=1", "-XX:-UsePerfData",
                "-Xshare:auto", "-Djava.awt.headless=true",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                // PDFBox scans the system's fonts once and caches the result in the home directory,
                // which a container may not let it write: without a cache every child would rescan.
                "-Dpdfbox.fontcache=" + System.getProperty("java.io.tmpdir"),
                "-cp", classpath(),
                SandboxedParse.class.getName());
    }

    /**
     * The analysis of the document; a document over the heap is {@link PdfAnalysis.Unreadable}
     * with {@link #overMemory()}. Fails with {@link Deadline.Stopped} past the deadline or when it
     * is cancelled, and with an exception when the child could not run or read the file (not the
     * document's fault, so the pipeline retries it).
     */
    Uni<PdfAnalysis> parse(Path file, Deadline deadline) {
        return onWorker.call(() -> run(file, deadline));
    }

    private PdfAnalysis run(Path file, Deadline deadline) throws IOException, InterruptedException {
        Path answer = Files.createTempFile("envoyx-parse-", ".out");
        Process child = null;
        try {
            List<String> arguments = new ArrayList<>(command);
            arguments.add(file.toAbsolutePath().toString());
            arguments.add(Integer.toString(config.maxPages()));
            arguments.add(Long.toString(config.timeLimit().toMillis()));
            ProcessBuilder builder = new ProcessBuilder(arguments).redirectErrorStream(true)
                    .redirectOutput(answer.toFile());
            Map<String, String> environment = builder.environment();
            JVM_OPTION_VARIABLES.forEach(environment::remove);
            child = builder.start();
            while (!child.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                deadline.check();
            }
            String output = read(answer);
            return switch (child.exitValue()) {
                case SandboxedParse.READ -> SandboxedParse.decode(output.substring(output.lastIndexOf('\n') + 1));
                case SandboxedParse.OUT_OF_MEMORY -> new PdfAnalysis.Unreadable(overMemory());
                case SandboxedParse.OUT_OF_TIME -> throw new Deadline.Stopped("time limit reached", true);
                default -> throw new IOException("the parser process ended with exit code " + child.exitValue()
                        + ": " + output.substring(0, Math.min(output.length(), MAX_ERROR_CHARS)));
            };
        } finally {
            if (child != null && child.isAlive()) {
                child.destroyForcibly();
                child.waitFor();
            }
            Files.deleteIfExists(answer);
        }
    }

    String overMemory() {
        return "The document exceeds the processing bounds: reading it needs more than "
                + config.parserHeap().asLongValue() / (1024 * 1024) + " MiB of memory (its contents expand far "
                + "beyond the file's size); export or print it to a new PDF and upload that.";
    }

    /** What the child printed (its answer is the last line), at most {@code MAX_ANSWER_BYTES}. */
    private static String read(Path answer) throws IOException {
        try (InputStream in = Files.newInputStream(answer)) {
            return new String(in.readNBytes(MAX_ANSWER_BYTES), StandardCharsets.UTF_8).strip();
        }
    }

    /** This application's classes, PDFBox and what it logs through, and Jackson for the answer. */
    private static String classpath() {
        return Stream.of(SandboxedParse.class, PDDocument.class, RandomAccessRead.class, FontBoxFont.class,
                        LogFactory.class, org.jboss.logging.Logger.class, ObjectMapper.class, JsonFactory.class,
                        JsonProperty.class)
                .map(ParseSandbox::location)
                .distinct()
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot find the jar of " + type.getName() + " for the parser process", e);
        }
    }
}
