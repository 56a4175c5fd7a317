package com.envoyx.invoice.invoices.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A Content-Disposition value that survives any sanitised file name (RFC 6266 with an RFC 5987 filename*). */
final class ContentDisposition {

    private ContentDisposition() {
    }

    static String attachment(String fileName) {
        StringBuilder ascii = new StringBuilder(fileName.length());
        fileName.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
