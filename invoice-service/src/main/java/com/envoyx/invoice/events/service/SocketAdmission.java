package com.envoyx.invoice.events.service;

import com.envoyx.contracts.apikey.ParsedApiKey;
import com.envoyx.invoice.keychain.model.KeyPrincipal;

import io.quarkus.websockets.next.UserData;

/**
 * What the upgrade gate established for one socket: the key (kept to re-check it and fetch fresh
 * tokens while the socket lives), its principal at upgrade time and the connection lease held
 * for it at ratelimit-service; the reservation of its account's event channel is added just
 * before the upgrade is answered.
 */
public record SocketAdmission(ParsedApiKey key, KeyPrincipal principal, String leaseId, SocketRegistry.Reservation reservation) {

    public static final UserData.TypedKey<SocketAdmission> USER_DATA = new UserData.TypedKey<>(SocketAdmission.class.getName());

    @Override
    public String toString() {
        return "SocketAdmission[" + principal + ", lease=" + leaseId + "]";
    }

    public SocketAdmission with(SocketRegistry.Reservation held) {
        return new SocketAdmission(key, principal, leaseId, held);
    }
}
