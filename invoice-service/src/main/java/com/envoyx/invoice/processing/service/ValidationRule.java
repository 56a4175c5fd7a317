package com.envoyx.invoice.processing.service;

import java.util.ArrayList;
import java.util.List;

import com.envoyx.invoice.invoices.model.ExtractedMetadata;
import com.envoyx.invoice.processing.config.ProcessingConfig;

/**
 * The documented rules a readable document must pass to be PROCESSED; failing any makes it
 * FLAGGED (a person should look) rather than FAILED (nothing could be read).
 */
enum ValidationRule {

    /** Only images, no readable characters: a scan or a photo, whose contents cannot be read automatically. */
    NO_TEXT_LAYER,
    /** More pages than {@code envoyx.processing.max-pages}: unusual for an invoice. */
    TOO_MANY_PAGES;

    /** The rules the document fails, in declaration order, each with the message a customer reads. */
    static List<Violation> check(ExtractedMetadata metadata, ProcessingConfig config) {
        List<Violation> violations = new ArrayList<>();
        if (config.requireTextLayer() && !metadata.hasTextLayer()) {
            violations.add(new Violation(NO_TEXT_LAYER, "The PDF has no text layer (it looks like a scan or an image), "
                    + "so its contents cannot be read automatically."));
        }
        if (metadata.pageCount() > config.maxPages()) {
            violations.add(new Violation(TOO_MANY_PAGES, "The PDF has " + metadata.pageCount()
                    + " pages, more than the " + config.maxPages() + " expected of an invoice."));
        }
        return violations;
    }

    record Violation(ValidationRule rule, String message) {
    }
}
