package com.envoyx.auth.account.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import org.jboss.logging.Logger;

import com.envoyx.auth.account.config.LoginConfig;
import com.envoyx.auth.error.ApiException;
import com.envoyx.auth.platform.OnWorker;
import com.envoyx.contracts.error.ErrorCode;

import io.smallrye.mutiny.Uni;

/**
 * Argon2id password hashes in the PHC string format
 * ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}), so parameters can be raised later and old
 * hashes still verify. Hashing is deliberately slow, so it always runs through {@link OnWorker},
 * on a bounded pool of its own: each hash holds argon2-memory-kib of heap, so the number computed
 * at once is sized to the heap, and a flood beyond the short queue is answered 503 with
 * Retry-After instead of exhausting memory.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private static final Logger LOG = Logger.getLogger(PasswordHasher.class);
    /** A saturated pool drains within about a second; the client may try again then. */
    private static final long RETRY_AFTER_SECONDS = 1;

    private final LoginConfig config;
    private final OnWorker worker;
    /** Created on the first hash, so that building the bean (and its unit test) needs no Vert.x. */
    private volatile OnWorker.BoundedPool pool;
    private final SecureRandom random = new SecureRandom();
    /** Verified against when the email is unknown, so both failures cost the same time. */
    private final String decoy;

    PasswordHasher(LoginConfig config, OnWorker worker) {
        this.config = config;
        this.worker = worker;
        byte[] decoyPassword = new byte[SALT_BYTES];
        random.nextBytes(decoyPassword);
        this.decoy = hashNow(B64.encodeToString(decoyPassword));
    }

    public Uni<String> hash(String password) {
        return bounded(() -> hashNow(password));
    }

    /** Whether the password matches; with a null hash it burns the same work and answers false. */
    public Uni<Boolean> verify(String password, String encodedOrNull) {
        return bounded(() -> {
            if (encodedOrNull == null) {
                verifyNow(password, decoy);
                return false;
            }
            return verifyNow(password, encodedOrNull);
        });
    }

    private <T> Uni<T> bounded(Supplier<T> work) {
        return pool().call(work).onFailure(OnWorker.Saturated.class)
                .transform(e -> ApiException.retryLater(ErrorCode.SERVICE_UNAVAILABLE, RETRY_AFTER_SECONDS));
    }

    private OnWorker.BoundedPool pool() {
        OnWorker.BoundedPool existing = pool;
        if (existing != null) {
            return existing;
        }
        synchronized (this) {
            if (pool == null) {
                int concurrent = config.argon2MaxConcurrent()
                        .orElseGet(() -> heapSizedConcurrency(config.argon2MemoryKib()));
                LOG.infof("Argon2id: %d hashes at once, %d more may wait", concurrent, config.argon2MaxQueued());
                pool = worker.boundedPool("argon2", concurrent, config.argon2MaxQueued());
            }
            return pool;
        }
    }

    /** A quarter of the heap for hashes leaves the rest to the service's ordinary work. */
    static int heapSizedConcurrency(int memoryKib) {
        long perHash = memoryKib * 1024L;
        return (int) Math.max(1, Runtime.getRuntime().maxMemory() / 4 / perHash);
    }

    String hashNow(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        int memory = config.argon2MemoryKib();
        int iterations = config.argon2Iterations();
        int parallelism = config.argon2Parallelism();
        byte[] hash = argon2(password, salt, memory, iterations, parallelism, HASH_BYTES);
        return "$argon2id$v=19$m=" + memory + ",t=" + iterations + ",p=" + parallelism
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    static boolean verifyNow(String password, String encoded) {
        String[] parts = encoded.split("\\$");
        if (parts.length != 6 || !"argon2id".equals(parts[1]) || !"v=19".equals(parts[2])) {
            return false;
        }
        int memory = 0;
        int iterations = 0;
        int parallelism = 0;
        for (String parameter : parts[3].split(",")) {
            String[] pair = parameter.split("=", 2);
            int value = Integer.parseInt(pair[1]);
            switch (pair[0]) {
                case "m" -> memory = value;
                case "t" -> iterations = value;
                case "p" -> parallelism = value;
                default -> {
                    return false;
                }
            }
        }
        byte[] salt = B64_DECODER.decode(parts[4]);
        byte[] expected = B64_DECODER.decode(parts[5]);
        byte[] actual = argon2(password, salt, memory, iterations, parallelism, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKib, int iterations, int parallelism,
            int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build());
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
