package com.envoyx.invoice.events.ws;

import com.envoyx.invoice.events.service.SocketRegistry;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;

/**
 * {@code /api/v1/ws}: invoice events of the key's account, pushed as
 * {@code {"event":"invoice.processed","data":{...}}}; text {@code ping} is answered
 * {@code {"event":"pong"}}, any other message is ignored. The key was checked before the upgrade
 * ({@link UpgradeGate}); everything after it lives in {@link SocketRegistry}.
 */
@WebSocket(path = UpgradeGate.PATH, endpointId = EventSocket.ID)
class EventSocket {

    static final String ID = "invoice-events";
    static final String PING = "ping";
    static final String PONG = "{\"event\":\"pong\"}";

    private final SocketRegistry sockets;

    EventSocket(SocketRegistry sockets) {
        this.sockets = sockets;
    }

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        sockets.open(connection);
    }

    @OnTextMessage
    @NonBlocking
    void message(String text, WebSocketConnection connection) {
        if (PING.equals(text)) {
            sockets.reply(connection, PONG);
        }
    }

    @OnClose
    @NonBlocking
    void close(WebSocketConnection connection) {
        sockets.closed(connection);
    }
}
