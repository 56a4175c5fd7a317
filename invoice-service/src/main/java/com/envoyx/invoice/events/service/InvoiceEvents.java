package com.envoyx.invoice.events.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import com.envoyx.invoice.events.model.InvoiceEvent;

/**
 * Announces a committed change. The change already happened, so an observer that fails is
 * logged here and never turns the caller's success into an error.
 */
@ApplicationScoped
public class InvoiceEvents {

    private static final Logger LOG = Logger.getLogger(InvoiceEvents.class);

    private final Event<InvoiceEvent> events;

    InvoiceEvents(Event<InvoiceEvent> events) {
        this.events = events;
    }

    public void announce(InvoiceEvent event) {
        try {
            events.fire(event);
        } catch (RuntimeException e) {
            LOG.errorf(e, "An observer of %s for invoice %s failed", event.type().wireName(), event.invoiceId());
        }
    }
}
