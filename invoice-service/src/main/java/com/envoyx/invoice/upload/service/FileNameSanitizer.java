package com.envoyx.invoice.upload.service;

import java.text.Normalizer;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.invoice.upload.config.UploadConfig;

/**
 * Turns the client's file name into something safe to show: the last path segment only, no
 * control or formatting characters (which includes every bidirectional override that could make
 * {@code exe.pdf} read as {@code fdp.exe}), NFC, trimmed and capped. It is only ever displayed;
 * storage names come from the blob store.
 */
@ApplicationScoped
public class FileNameSanitizer {

    static final String FALLBACK = "invoice.pdf";

    private final int maxLength;

    FileNameSanitizer(UploadConfig config) {
        this.maxLength = config.maxFileNameLength();
    }

    public String sanitize(String raw) {
        if (raw == null) {
            return FALLBACK;
        }
        String normalized = Normalizer.normalize(raw, Normalizer.Form.NFC);
        StringBuilder kept = new StringBuilder(Math.min(normalized.length(), maxLength));
        normalized.codePoints().filter(FileNameSanitizer::isDisplayable).forEach(kept::appendCodePoint);
        String name = lastSegment(kept.toString()).strip();
        while (name.startsWith(".")) {
            name = name.substring(1).strip();
        }
        if (name.isEmpty()) {
            return FALLBACK;
        }
        return capCodePoints(name);
    }

    private static boolean isDisplayable(int codePoint) {
        int type = Character.getType(codePoint);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE
                && type != Character.PRIVATE_USE && type != Character.UNASSIGNED
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR;
    }

    private static String lastSegment(String name) {
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return cut < 0 ? name : name.substring(cut + 1);
    }

    private String capCodePoints(String name) {
        if (name.codePointCount(0, name.length()) <= maxLength) {
            return name;
        }
        return name.substring(0, name.offsetByCodePoints(0, maxLength)).strip();
    }
}
