package com.envoyx.infra.mail;

import java.util.List;
import java.util.Properties;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP and IMAP server in this JVM (GreenMail) for local runs without a mail server and
 * for tests that read mail back. Every recipient gets a mailbox on first delivery whose IMAP login
 * is the address as both user and password. Loopback only; nothing is kept after {@link #close()}.
 */
public final class LocalMailServer implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    private final GreenMail greenMail;
    private final int smtpPort;
    private final int imapPort;

    private LocalMailServer(GreenMail greenMail, int smtpPort, int imapPort) {
        this.greenMail = greenMail;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    /** Starts SMTP and IMAP on the given loopback ports; fails if either is taken. */
    public static LocalMailServer start(int smtpPort, int imapPort) {
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpPort, LOOPBACK, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, LOOPBACK, ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        return new LocalMailServer(greenMail, smtpPort, imapPort);
    }

    public String host() {
        return LOOPBACK;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    /**
     * The environment a service needs to send here: plain SMTP on loopback (no STARTTLS, as
     * GreenMail's certificate is its own), no login.
     */
    public Properties serviceEnvironment() {
        Properties environment = new Properties();
        environment.setProperty("ENVOYX_SMTP_HOST", LOOPBACK);
        environment.setProperty("ENVOYX_SMTP_PORT", Integer.toString(smtpPort));
        environment.setProperty("ENVOYX_SMTP_STARTTLS", "DISABLED");
        return environment;
    }

    /** Every message received so far, oldest first (the launcher prints new ones). */
    public List<MimeMessage> receivedMessages() {
        return List.of(greenMail.getReceivedMessages());
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
