package com.envoyx.invoice.invoices.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;


class InvoiceStatusTest {

    @Test
    void customersDecideOnlyAfterProcessingOrFlagging() {
        Set<InvoiceStatus> decisions = EnumSet.of(InvoiceStatus.APPROVED, InvoiceStatus.REJECTED, InvoiceStatus.PAID);
        for (InvoiceStatus from : InvoiceStatus.values()) {
            for (InvoiceStatus to : InvoiceStatus.values()) {
                boolean expected = (from == InvoiceStatus.PROCESSED || from == InvoiceStatus.FLAGGED) && decisions.contains(to);
                assertEquals(expected, from.customerMayMoveTo(to), from + " -> " + to);
            }
        }
    }

    @Test
    void thePipelineFollowsItsOwnFlow() {
        int allowed = 0;
        for (InvoiceStatus from : InvoiceStatus.values()) {
            for (InvoiceStatus to : InvoiceStatus.values()) {
                if (from.pipelineMayMoveTo(to)) {
                    allowed++;
                }
            }
        }
        assertEquals(4, allowed);
        assertEquals(true, InvoiceStatus.PENDING.pipelineMayMoveTo(InvoiceStatus.PROCESSING));
        assertEquals(true, InvoiceStatus.PROCESSING.pipelineMayMoveTo(InvoiceStatus.FLAGGED));
    }

    @Test
    void parsesOnlyExactNames() {
        assertEquals(InvoiceStatus.PAID, InvoiceStatus.fromWireName("PAID").orElseThrow());
        assertEquals(true, InvoiceStatus.fromWireName("paid").isEmpty());
        assertEquals(true, InvoiceStatus.fromWireName("DONE").isEmpty());
    }
}
