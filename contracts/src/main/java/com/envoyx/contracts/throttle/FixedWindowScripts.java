package com.envoyx.contracts.throttle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Redis scripts of a fixed-window attempt counter (login attempts in auth-service, unknown
 * API keys in invoice-service), kept once as {@code .lua} resources beside this class. Run them
 * with {@code EVAL <script> 1 <counter key> ...}.
 */
public final class FixedWindowScripts {

    /** {@code ARGV[1]}: window seconds. Returns {@code {count, seconds left in the window}}. */
    public static final String COUNT_ATTEMPT = load("fixed-window-count.lua");
    /** Returns {@code {count, seconds left in the window}} without counting ({@code {0, -2}}: no window). */
    public static final String PEEK = load("fixed-window-peek.lua");
    /** Returns the count after giving one attempt back (0 when the window had already ended). */
    public static final String GIVE_BACK = load("fixed-window-give-back.lua");

    private FixedWindowScripts() {
    }

    private static String load(String name) {
        try (InputStream in = FixedWindowScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("script resource missing from the contracts jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
