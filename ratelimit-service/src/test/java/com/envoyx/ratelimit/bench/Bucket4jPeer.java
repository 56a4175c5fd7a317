package com.envoyx.ratelimit.bench;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Bucket4j (Lettuce backend) for the benchmark, built by bench/bucket4j and loaded in a class
 * loader of its own: it brings Lettuce 7 with Netty 4.2, which must not meet the Netty 4.1 of the
 * gRPC and Vert.x clients here. Only JDK types cross the boundary.
 */
final class Bucket4jPeer implements AutoCloseable {

    private static final String DECISIONS = "com.envoyx.ratelimit.bench.bucket4j.Bucket4jDecisions";

    private final URLClassLoader loader;
    private final IntPredicate decisions;

    private Bucket4jPeer(URLClassLoader loader, IntPredicate decisions) {
        this.loader = loader;
        this.decisions = decisions;
    }

    /** The peer, or null when no class path was given (the benchmark then runs without it). */
    static Bucket4jPeer load(String classpath, String redisUrl, String prefix, int keys, long limit) throws Exception {
        if (classpath.isBlank()) {
            return null;
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            urls.add(url(entry));
        }
        URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        // Lettuce probes optional libraries through the context class loader; ours has LatencyUtils
        // (from Micrometer), Lettuce's loader does not, so it must probe its own.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            IntPredicate decisions = (IntPredicate) loader.loadClass(DECISIONS)
                    .getConstructor(String.class, String.class, int.class, long.class)
                    .newInstance(redisUrl, prefix, keys, limit);
            return new Bucket4jPeer(loader, decisions);
        } catch (ReflectiveOperationException | RuntimeException e) {
            loader.close();
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Consumes one token of the bucket of key {@code decision % keys}; refusals fail the run. */
    void consume(int decision) {
        if (!decisions.test(decision)) {
            throw new IllegalStateException("Bucket4j refused a decision under a limit meant to accept all");
        }
    }

    @Override
    public void close() throws Exception {
        ((AutoCloseable) decisions).close();
        loader.close();
    }

    private static URL url(String entry) throws MalformedURLException {
        return new File(entry).toURI().toURL();
    }
}
