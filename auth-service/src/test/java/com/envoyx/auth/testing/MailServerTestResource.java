package com.envoyx.auth.testing;

import java.util.Map;

import com.envoyx.infra.Ports;
import com.envoyx.infra.mail.LocalMailServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP/IMAP server (infra's GreenMail) for one Quarkus start, so account mail is sent over
 * SMTP and read back over IMAP. Tests may stop and start it again on the same ports
 * ({@link #stopServer()}, {@link #startServer()}) to take SMTP away.
 */
public class MailServerTestResource implements QuarkusTestResourceLifecycleManager {

    /** The IMAP port, for tests: outside the envoyx.* prefix, whose unknown names fail the start. */
    public static final String IMAP_PORT_PROPERTY = "test.mail.imap-port";

    private static volatile LocalMailServer server;
    private static int smtpPort;
    private static int imapPort;

    @Override
    public Map<String, String> start() {
        smtpPort = Ports.freePort();
        imapPort = Ports.freePort();
        startServer();
        return Map.of(
                "quarkus.mailer.host", server.host(),
                "quarkus.mailer.port", Integer.toString(smtpPort),
                "quarkus.mailer.start-tls", "DISABLED",
                IMAP_PORT_PROPERTY, Integer.toString(imapPort));
    }

    @Override
    public void stop() {
        stopServer();
    }

    public static synchronized void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public static synchronized void startServer() {
        if (server == null) {
            server = LocalMailServer.start(smtpPort, imapPort);
        }
    }
}
