package com.envoyx.invoice.upload.model;

/** What reading an uploaded file once told us: its size, its SHA-256 (hex) and whether it is a PDF. */
public record InspectedFile(long size, String sha256, boolean pdf) {
}
