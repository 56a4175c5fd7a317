package com.envoyx.invoice.webhooks.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.envoyx.invoice.events.model.InvoiceEventType;

/** The event types an endpoint may ask for: every invoice event the WebSocket carries, and {@code webhook.test}. */
public final class WebhookEventTypes {

    public static final String TEST = "webhook.test";

    /** Every invoice event, in lifecycle order; what an endpoint created without {@code events} receives. */
    public static final List<String> INVOICE = invoiceEvents();

    private WebhookEventTypes() {
    }

    public static boolean known(String type) {
        return TEST.equals(type) || INVOICE.contains(type);
    }

    private static List<String> invoiceEvents() {
        List<String> names = new ArrayList<>();
        for (InvoiceEventType type : InvoiceEventType.values()) {
            names.add(type.wireName());
        }
        return Collections.unmodifiableList(names);
    }
}
