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

    /** Check-and-consume of rolling windows, with usage counting. */
    public static final LuaScript CHECK = load("check");
    /** Return of a charge by request id. */
    public static final LuaScript REFUND = load("refund");
    /** Acquire, renew and release of concurrency leases. */
    public static final LuaScript LEASE = load("lease");
    /** Read of a key's usage counters with Redis TIME. */
    public static final LuaScript USAGE = load("usage");
    public static final List<LuaScript> ALL = List.of(CHECK, REFUND, LEASE, USAGE);

    private static LuaScript load(String name) {
        String resource = "ratelimit/" + name + ".lua";
        try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing script " + resource);
            }
            String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new LuaScript(name, source, sha1(source));
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
