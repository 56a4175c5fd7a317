package com.envoyx.invoice.testing;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.envoyx.invoice.events.model.InvoiceEvent;
import com.envoyx.invoice.events.model.InvoiceEventType;

/** Every {@link InvoiceEvent} fired in this Quarkus start, for tests that wait for the pipeline. */
@ApplicationScoped
public class RecordedInvoiceEvents {

    private final List<InvoiceEvent> events = new CopyOnWriteArrayList<>();

    void record(@Observes InvoiceEvent event) {
        events.add(event);
    }

    /** The invoice's events so far, in the order they were fired. */
    public List<InvoiceEvent> of(UUID invoiceId) {
        return events.stream().filter(event -> event.invoiceId().equals(invoiceId)).toList();
    }

    /** Waits until an event of the type was fired for the invoice, and returns it. */
    public InvoiceEvent await(UUID invoiceId, InvoiceEventType type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (InvoiceEvent event : of(invoiceId)) {
                if (event.type() == type) {
                    return event;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no " + type + " for invoice " + invoiceId + " within " + timeout
                        + "; its events: " + of(invoiceId));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
