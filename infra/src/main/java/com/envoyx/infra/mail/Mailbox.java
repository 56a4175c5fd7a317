package com.envoyx.infra.mail;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

/**
 * One address's inbox read over IMAP, as a person's mail client would, with the address as user
 * and password (see {@link LocalMailServer}). Waits are bounded and poll, because delivery
 * happens after the request that caused it has been answered.
 */
public final class Mailbox {

    private static final Duration POLL = Duration.ofMillis(200);

    private final String host;
    private final int imapPort;
    private final String address;

    public Mailbox(String host, int imapPort, String address) {
        this.host = host;
        this.imapPort = imapPort;
        this.address = address;
    }

    /** A received mail: its subject, its plain-text body and the first link in that body (or null). */
    public record ReceivedMail(String subject, String text, String firstLink) {
    }

    /** Every mail in the inbox now, oldest first; empty when the mailbox does not exist yet. */
    public List<ReceivedMail> all() {
        Properties properties = new Properties();
        properties.setProperty("mail.imap.connectiontimeout", "5000");
        properties.setProperty("mail.imap.timeout", "5000");
        Session session = Session.getInstance(properties);
        try (Store store = session.getStore("imap")) {
            store.connect(host, imapPort, address, address);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                List<ReceivedMail> mails = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    String text = MailText.plainText(message);
                    mails.add(new ReceivedMail(message.getSubject(), text, MailText.firstLink(text)));
                }
                return mails;
            } finally {
                inbox.close(false);
            }
        } catch (jakarta.mail.AuthenticationFailedException noMailboxYet) {
            return List.of();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot read the inbox of " + address + " over IMAP", e);
        }
    }

    /** Waits for the {@code count}-th mail whose subject contains {@code subject} and returns it. */
    public ReceivedMail await(String subject, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<ReceivedMail> matching = all().stream().filter(mail -> mail.subject().contains(subject)).toList();
            if (matching.size() >= count) {
                return matching.get(count - 1);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no mail #" + count + " with subject '" + subject + "' for " + address
                        + " within " + timeout + "; inbox: " + all().stream().map(ReceivedMail::subject).toList());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public ReceivedMail await(String subject, Duration timeout) {
        return await(subject, 1, timeout);
    }
}
