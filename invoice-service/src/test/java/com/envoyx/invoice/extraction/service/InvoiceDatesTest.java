package com.envoyx.invoice.extraction.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.envoyx.invoice.extraction.service.InvoiceDates.DateOrder;

class InvoiceDatesTest {

    private static final LocalDate MARCH_5 = LocalDate.of(2026, 3, 5);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2026-03-05", "March 5, 2026", "Mar 5, 2026", "March 5th, 2026", "5 March 2026", "5 Mar 2026", "05 Mar. 2026",
            "5. März 2026", "5. Maerz 2026", "05.03.2026", "5.3.2026", "Date: 2026-03-05 (payable on receipt)"})
    void readsTheFormatsInvoicesPrint(String text) {
        assertEquals(MARCH_5, InvoiceDates.find(text, DateOrder.MONTH_FIRST));
    }

    @Test
    void anAmbiguousSlashedDateFollowsTheDocumentsOrder() {
        assertEquals(MARCH_5, InvoiceDates.find("05/03/2026", DateOrder.DAY_FIRST));
        assertEquals(LocalDate.of(2026, 5, 3), InvoiceDates.find("05/03/2026", DateOrder.MONTH_FIRST));
        assertEquals(LocalDate.of(2026, 5, 3), InvoiceDates.find("05-03-2026", DateOrder.MONTH_FIRST));
    }

    @Test
    void aPartAboveTwelveDecidesWhateverTheOrder() {
        assertEquals(LocalDate.of(2026, 3, 13), InvoiceDates.find("13/03/2026", DateOrder.MONTH_FIRST));
        assertEquals(LocalDate.of(2026, 3, 13), InvoiceDates.find("03/13/2026", DateOrder.DAY_FIRST));
    }

    @Test
    void theOrderComesFromTheDocumentsUnambiguousDatesThenItsCurrency() {
        assertEquals(DateOrder.DAY_FIRST, InvoiceDates.orderOf("Date 05/03/2026 Due 20/03/2026", "USD"));
        assertEquals(DateOrder.MONTH_FIRST, InvoiceDates.orderOf("Date 05/03/2026 Due 05/20/2026", "EUR"));
        assertEquals(DateOrder.MONTH_FIRST, InvoiceDates.orderOf("Date 05/03/2026", "USD"));
        assertEquals(DateOrder.DAY_FIRST, InvoiceDates.orderOf("Date 05/03/2026", "GBP"));
        assertEquals(DateOrder.DAY_FIRST, InvoiceDates.orderOf("Date 05/03/2026", null));
    }

    @Test
    void impossibleDatesAndOtherTextAreNoDates() {
        assertNull(InvoiceDates.find("31/02/2026", DateOrder.DAY_FIRST));
        assertNull(InvoiceDates.find("2026-13-01", DateOrder.DAY_FIRST));
        assertNull(InvoiceDates.find("INV-2026-0042", DateOrder.DAY_FIRST));
        assertNull(InvoiceDates.find("Mayday 5, 2026", DateOrder.DAY_FIRST));
    }
}
