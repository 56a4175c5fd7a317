package com.envoyx.invoice.invoices.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;


class InvoiceStatusTest {

    @Test
    void customersReviewOnlyFromTheStatusesWhereADecisionMakesSense() {
        Map<InvoiceStatus, Set<InvoiceStatus>> allowed = Map.of(
                InvoiceStatus.PROCESSED, EnumSet.of(InvoiceStatus.APPROVED, InvoiceStatus.REJECTED, InvoiceStatus.PAID),
                InvoiceStatus.FLAGGED, EnumSet.of(InvoiceStatus.APPROVED, InvoiceStatus.REJECTED),
                InvoiceStatus.APPROVED, EnumSet.of(InvoiceStatus.REJECTED, InvoiceStatus.PAID));
        for (InvoiceStatus from : InvoiceStatus.values()) {
            for (InvoiceStatus to : InvoiceStatus.values()) {
                boolean expected = allowed.getOrDefault(from, Set.of()).contains(to);
                assertEquals(expected, from.customerMayMoveTo(to), from + " -> " + to);
            }
            assertEquals(allowed.getOrDefault(from, Set.of()), from.customerTargets(), from.name());
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
