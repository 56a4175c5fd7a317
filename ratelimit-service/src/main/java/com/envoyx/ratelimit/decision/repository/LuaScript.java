package com.envoyx.ratelimit.decision.repository;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A Lua script from the classpath with its SHA-1, so calls go by EVALSHA without a SCRIPT LOAD round trip. */
public record LuaScript(String name, String source, String sha) {

    /**
     * The rolling-window structures (exact log, buckets) and usage counting, prepended to every
     * script that reads or writes a rolling window: Redis scripts cannot call each other, and one
     * copy of the rules keeps check, refund and slices counting the same way.
     */
    private static final String WINDOW_LIBRARY = read("window");

    /** Check-and-consume of rolling windows for a batch of decisions, with usage counting. */
    public static final LuaScript CHECK = load("check", true);
    /** Return of a charge by request id (and, for bucketed limits, its charge time). */
    public static final LuaScript REFUND = load("refund", true);
    /** Grant of a slice of a bucketed limit, charged at the end of its validity. */
    public static final LuaScript RESERVE = load("reserve", true);
    /** Return of a slice's unused units and count of its used ones. */
    public static final LuaScript RELEASE = load("release", true);
    /** Acquire, renew and release of concurrency leases. */
    public static final LuaScript LEASE = load("lease", false);
    /** Read of a key's usage counters with Redis TIME. */
    public static final LuaScript USAGE = load("usage", false);
    public static final List<LuaScript> ALL = List.of(CHECK, REFUND, RESERVE, RELEASE, LEASE, USAGE);

    private static LuaScript load(String name, boolean windows) {
        String source = windows ? WINDOW_LIBRARY + "\n" + read(name) : read(name);
        return new LuaScript(name, source, sha1(source));
    }

    private static String read(String name) {
        String resource = "ratelimit/" + name + ".lua";
        try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing script " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
