package com.envoyx.infra.mail;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

/** The plain-text body of a mail and the first link in it, as a person would read and click. */
public final class MailText {

    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    private MailText() {
    }

    /** The first text/plain part (depth first), or "" when there is none. */
    public static String plainText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return part.getContent().toString();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String text = plainText(body);
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }

    /** The first http(s) link in the text, or null. */
    public static String firstLink(String text) {
        Matcher link = LINK.matcher(text);
        return link.find() ? link.group() : null;
    }
}
