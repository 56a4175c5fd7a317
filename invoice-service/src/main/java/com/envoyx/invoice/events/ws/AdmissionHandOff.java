package com.envoyx.invoice.events.ws;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.invoice.events.service.SocketAdmission;
import com.envoyx.invoice.events.service.SocketRegistry;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.mutiny.Uni;

/**
 * Moves what {@link UpgradeGate} admitted from the request's Vert.x context onto the connection,
 * once the account's event channel is subscribed (the 101 is sent after this check, and a client
 * that sees it open must not miss an event). Without an admission there is no upgrade, whatever
 * the reason the gate did not run.
 */
@ApplicationScoped
class AdmissionHandOff implements HttpUpgradeCheck {

    private final SocketRegistry sockets;

    AdmissionHandOff(SocketRegistry sockets) {
        this.sockets = sockets;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        Optional<SocketAdmission> admission = ContextLocals.get(UpgradeGate.ADMISSION);
        if (admission.isEmpty()) {
            return CheckResult.rejectUpgrade(500);
        }
        ContextLocals.remove(UpgradeGate.ADMISSION);
        return sockets.reserve(admission.get().principal().accountId()).map(reservation -> {
            context.userData().put(SocketAdmission.USER_DATA, admission.get().with(reservation));
            return CheckResult.permitUpgradeSync();
        });
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return EventSocket.ID.equals(endpointId);
    }
}
