package com.envoyx.invoice.processing.service;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code envoyx_processing_jobs_total{outcome}}: processed, flagged, failed (finished) and
 * retried, lost, handed_back (did not finish here); {@code envoyx_processing_duration_seconds{outcome}}:
 * claim to commit of the finished ones; {@code envoyx_processing_in_flight}: documents this replica holds.
 */
@ApplicationScoped
class ProcessingMetrics {

    private final MeterRegistry registry;

    ProcessingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Micrometer holds the gauge's object weakly: the map is the pipeline's own, which lives as long as it. */
    void inFlight(Map<?, ?> jobs) {
        Gauge.builder("envoyx.processing.in.flight", jobs, Map::size).description("Documents this replica is processing")
                .register(registry);
    }

    void finished(String outcome, Duration took) {
        count(outcome);
        Timer.builder("envoyx.processing.duration").description("From claim to committed outcome")
                .tag("outcome", outcome.toLowerCase(Locale.ROOT)).register(registry).record(took);
    }

    void count(String outcome) {
        Counter.builder("envoyx.processing.jobs").description("Processing attempts by how they ended")
                .tag("outcome", outcome.toLowerCase(Locale.ROOT)).register(registry).increment();
    }
}
