package com.envoyx.invoice.events.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.invoice.events.config.WebSocketConfig;
import com.envoyx.invoice.events.repository.TicketStore;

import io.smallrye.mutiny.Uni;

/**
 * Short-lived, single-use WebSocket tickets: {@code POST /api/v1/ws/ticket} trades the key for a
 * ticket that goes in the upgrade URL instead of the key, so a URL in a proxy log is worth nothing
 * once used or 30 s old. The upgrade redeems the ticket for the key and then runs the very chain a
 * key runs (revocation, scope, budget, the key's connection leases), at upgrade time and for the
 * socket's life.
 *
 * <p>Redis holds neither the ticket nor the key: the entry is named by an HMAC of the ticket and
 * holds the key sealed (AES-256-GCM) under another HMAC of it, so only the ticket's holder can
 * open it, and a Redis dump reveals no key.
 */
@ApplicationScoped
public class WebSocketTickets {

    /** Recognisable, like keys: a ticket found in a log says what it is. */
    public static final String PREFIX = "envx_wst_";
    private static final int TICKET_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] ID_LABEL = "envoyx ws ticket id".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_LABEL = "envoyx ws ticket key".getBytes(StandardCharsets.US_ASCII);

    private final TicketStore store;
    private final WebSocketConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    WebSocketTickets(TicketStore store, WebSocketConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    public record IssuedTicket(String ticket, Instant expiresAt) {
    }

    /** A new ticket for the key (already admitted by the key chain). */
    public Uni<IssuedTicket> issue(String apiKey) {
        byte[] secret = new byte[TICKET_BYTES];
        random.nextBytes(secret);
        String ticket = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expiresAt = clock.instant().plus(config.ticketTtl());
        String id = id(secret);
        return store.put(id, seal(secret, id, apiKey), config.ticketTtl()).replaceWith(new IssuedTicket(ticket, expiresAt));
    }

    /** The key the ticket was issued for, once; empty for a malformed, unknown, expired or used ticket. */
    public Uni<Optional<String>> redeem(String ticket) {
        Optional<byte[]> secret = secret(ticket);
        if (secret.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        String id = id(secret.get());
        return store.take(id).map(sealed -> sealed == null ? Optional.empty() : open(secret.get(), id, sealed));
    }

    private static Optional<byte[]> secret(String ticket) {
        if (ticket == null || !ticket.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            byte[] secret = Base64.getUrlDecoder().decode(ticket.substring(PREFIX.length()));
            return secret.length == TICKET_BYTES ? Optional.of(secret) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String id(byte[] secret) {
        return HexFormat.of().formatHex(hmac(secret, ID_LABEL));
    }

    private String seal(byte[] secret, String id, String apiKey) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, secret, iv, id);
            byte[] sealed = cipher.doFinal(apiKey.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    private static Optional<String> open(byte[] secret, String id, String sealed) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            byte[] iv = new byte[IV_BYTES];
            System.arraycopy(bytes, 0, iv, 0, IV_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, secret, iv, id);
            return Optional.of(new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private static Cipher cipher(int mode, byte[] secret, byte[] iv, String id) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(hmac(secret, KEY_LABEL), "AES"), new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(id.getBytes(StandardCharsets.US_ASCII));
        return cipher;
    }

    private static byte[] hmac(byte[] secret, byte[] label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(label);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
