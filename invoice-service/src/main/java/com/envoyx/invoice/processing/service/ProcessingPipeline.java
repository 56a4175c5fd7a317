package com.envoyx.invoice.processing.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.envoyx.invoice.events.model.InvoiceEvent;
import com.envoyx.invoice.events.model.InvoiceEventType;
import com.envoyx.invoice.extraction.model.CheckResult;
import com.envoyx.invoice.extraction.model.InvoiceExtraction;
import com.envoyx.invoice.extraction.model.InvoiceField;
import com.envoyx.invoice.extraction.service.InvoiceChecks;
import com.envoyx.invoice.invoices.model.ExtractedContent;
import com.envoyx.invoice.invoices.model.InvoiceStatus;
import com.envoyx.invoice.processing.config.ProcessingConfig;
import com.envoyx.invoice.processing.model.ClaimedJob;
import com.envoyx.invoice.processing.model.JobOutcome;
import com.envoyx.invoice.processing.repository.JobQueue;
import com.envoyx.invoice.storage.model.BlobNotFoundException;
import com.envoyx.invoice.storage.repository.BlobStore;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Claims jobs from the {@link JobQueue} and processes them: blob -> full PDFBox parse and
 * extraction in a child JVM ({@link ParseSandbox}, at most {@code concurrency} at once) -> document
 * rules and validation checks, judged in the conditional completion's transaction -> the stages'
 * {@link InvoiceEvent}s after the commit ({@code extracted}, {@code validated}, then the outcome). It claims only as many jobs as it has
 * free parse slots, so no lease is held on a job nobody works on. It looks for work every poll
 * interval, at once when an upload on this replica commits, and whenever a document finishes.
 */
@ApplicationScoped
public class ProcessingPipeline {

    static final String MISSING_FILE = "The uploaded file could not be found in storage; upload it again.";
    private static final Logger LOG = Logger.getLogger(ProcessingPipeline.class);

    private final JobQueue queue;
    private final BlobStore blobs;
    private final ProcessingConfig config;
    private final ProcessingMetrics metrics;
    private final Event<InvoiceEvent> events;
    private final Clock clock;
    private final Vertx vertx;
    private final ParseSandbox sandbox;
    private final String workerId;
    private final Map<UUID, InFlight> inFlight = new ConcurrentHashMap<>();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private volatile boolean claimAgain;
    private volatile boolean running;
    private long pollTimer;
    private long heartbeatTimer;

    ProcessingPipeline(JobQueue queue, BlobStore blobs, ProcessingConfig config, ProcessingMetrics metrics,
                       Event<InvoiceEvent> events, Clock clock, Vertx vertx, ParseSandbox sandbox) {
        this.queue = queue;
        this.blobs = blobs;
        this.config = config;
        this.metrics = metrics;
        this.events = events;
        this.clock = clock;
        this.vertx = vertx;
        this.sandbox = sandbox;
        this.workerId = workerId();
    }

    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            LOG.info("Invoice processing is disabled on this replica (envoyx.processing.enabled=false)");
            return;
        }
        metrics.inFlight(inFlight);
        running = true;
        pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), ignored -> claim());
        heartbeatTimer = vertx.setPeriodic(Math.max(1, config.leaseDuration().toMillis() / 3), ignored -> renewLeases());
        LOG.infof("Invoice processing started as worker %s: %d at once, lease %s, time limit %s, parser heap %d MiB",
                workerId, config.concurrency(), config.leaseDuration(), config.timeLimit(),
                config.parserHeap().asLongValue() / (1024 * 1024));
        claim();
    }

    /** An upload committed on this replica: claim it now rather than at the next poll. */
    void onInvoiceEvent(@Observes InvoiceEvent event) {
        if (event.type() == InvoiceEventType.UPLOADED) {
            claim();
        }
    }

    /**
     * Stops claiming, lets in-flight documents finish within the drain timeout, then cancels the
     * rest and hands their jobs back so another replica takes them at once (were this replica
     * killed instead, their leases would simply expire).
     */
    void stop(@Observes ShutdownEvent shutdown) {
        if (!running) {
            return;
        }
        running = false;
        vertx.cancelTimer(pollTimer);
        long drainUntil = System.nanoTime() + config.drainTimeout().toNanos();
        try {
            while (!inFlight.isEmpty() && System.nanoTime() - drainUntil < 0) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        vertx.cancelTimer(heartbeatTimer);
        for (InFlight job : inFlight.values()) {
            job.deadline().cancel("replica shutting down");
            try {
                queue.handBack(job.job(), clock.instant()).await().atMost(Duration.ofSeconds(5));
                metrics.count("handed_back");
            } catch (RuntimeException e) {
                LOG.warnf("Could not hand back invoice %s; its lease expires instead: %s", job.job().invoiceId(),
                        e.getMessage());
            }
        }
    }

    private void claim() {
        if (!running) {
            return;
        }
        if (!claiming.compareAndSet(false, true)) {
            claimAgain = true;
            return;
        }
        claimAgain = false;
        int free = config.concurrency() - inFlight.size();
        if (free <= 0) {
            claiming.set(false);
            return;
        }
        Instant now = clock.instant();
        queue.claim(workerId, free, now, now.plus(config.leaseDuration())).subscribe().with(jobs -> {
            jobs.forEach(this::process);
            claiming.set(false);
            if (claimAgain) {
                claim();
            }
        }, failure -> {
            claiming.set(false);
            LOG.warnf("Claiming invoices failed, retried at the next poll: %s", failure.getMessage());
        });
    }

    private void process(ClaimedJob job) {
        Deadline deadline = Deadline.after(config.timeLimit());
        inFlight.put(job.invoiceId(), new InFlight(job, deadline));
        long started = System.nanoTime();
        Uni<Void> done;
        if (job.attempt() > config.maxAttempts()) {
            done = complete(job, JobOutcome.failed(attemptsExhausted()), started);
        } else {
            if (job.previousStatus() == InvoiceStatus.PENDING) {
                fire(job, InvoiceStatus.PROCESSING, null);
            }
            done = blobs.open(job.blobKey())
                    .chain(blob -> sandbox.parse(blob.path(), deadline).eventually(blob::release))
                    .onFailure(BlobNotFoundException.class).recoverWithItem(() -> new PdfAnalysis.Unreadable(MISSING_FILE))
                    .onFailure(Deadline.Stopped.class).recoverWithItem(e -> ((Deadline.Stopped) e).timedOut()
                            ? new PdfAnalysis.Unreadable(timedOut())
                            : null)
                    .chain(analysis -> analysis == null ? Uni.createFrom().voidItem() : finish(job, analysis, started));
        }
        done.onFailure().recoverWithUni(e -> retryOrFail(job, e, started))
                .onTermination().invoke(() -> {
                    inFlight.remove(job.invoiceId());
                    claim();
                })
                .subscribe().with(ignored -> { }, e -> LOG.errorf(e, "Processing invoice %s went wrong; its lease "
                        + "expires and it is claimed again", job.invoiceId()));
    }

    /**
     * A read document is judged inside its completion's transaction, because one of its checks
     * (not_duplicate) asks the database about the account's other invoices.
     */
    private Uni<Void> finish(ClaimedJob job, PdfAnalysis analysis, long started) {
        if (analysis instanceof PdfAnalysis.Unreadable unreadable) {
            return complete(job, JobOutcome.failed(unreadable.message()), started);
        }
        PdfAnalysis.Readable readable = (PdfAnalysis.Readable) analysis;
        InvoiceExtraction extraction = readable.extraction();
        return queue.completeRead(job, extraction.value(InvoiceField.VENDOR_NAME), extraction.value(InvoiceField.INVOICE_NUMBER),
                        duplicate -> judge(readable, duplicate), clock.instant())
                .invoke(outcome -> completed(job, outcome, outcome != null, started))
                .replaceWithVoid();
    }

    /**
     * PROCESSED when the document breaks no rule and passes every check; otherwise FLAGGED, with
     * what failed named in {@code flags} and explained in the message. The checks run over what
     * was read, so a scan (nothing read) gets none: it is flagged {@code no_text_layer} instead.
     */
    private JobOutcome judge(PdfAnalysis.Readable readable, boolean duplicate) {
        List<ValidationRule.Violation> violations = ValidationRule.check(readable.metadata(), config);
        ExtractedContent extracted = ExtractedContent.of(readable.extraction(),
                readable.metadata().withFlags(violations.stream().map(v -> v.rule().name()).toList()));
        List<CheckResult> checks = readable.extraction().hasTextLayer()
                ? InvoiceChecks.all(readable.extraction(), clock, duplicate)
                : null;
        List<String> flags = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (ValidationRule.Violation violation : violations) {
            flags.add(violation.rule().name().toLowerCase(Locale.ROOT));
            reasons.add(violation.message());
        }
        for (CheckResult check : checks == null ? List.<CheckResult>of() : checks) {
            if (!check.passed()) {
                flags.add(check.check());
                reasons.add("Failed check " + check.check() + ": " + check.message());
            }
        }
        return flags.isEmpty()
                ? new JobOutcome(InvoiceStatus.PROCESSED, null, extracted, checks, List.of())
                : new JobOutcome(InvoiceStatus.FLAGGED, String.join(" ", reasons), extracted, checks, flags);
    }

    private Uni<Void> complete(ClaimedJob job, JobOutcome outcome, long started) {
        return queue.complete(job, outcome, clock.instant()).invoke(done -> completed(job, outcome, done, started))
                .replaceWithVoid();
    }

    /** After the commit: metrics and the events, in the order the stages happened. */
    private void completed(ClaimedJob job, JobOutcome outcome, boolean done, long started) {
        if (!done) {
            metrics.count("lost");
            LOG.infof("Invoice %s was taken over or deleted while attempt %d ran here; its result is dropped",
                    job.invoiceId(), job.attempt());
            return;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        metrics.finished(outcome.status().name(), took);
        LOG.debugf("Invoice %s %s after %d ms (attempt %d)", job.invoiceId(), outcome.status(), took.toMillis(),
                job.attempt());
        Instant now = clock.instant();
        if (outcome.extracted() != null) {
            events.fire(new InvoiceEvent(InvoiceEventType.EXTRACTED, job.accountId(), job.invoiceId(),
                    InvoiceStatus.PROCESSING, now, null, outcome.extracted(), null, null));
        }
        if (outcome.validation() != null) {
            events.fire(new InvoiceEvent(InvoiceEventType.VALIDATED, job.accountId(), job.invoiceId(),
                    InvoiceStatus.PROCESSING, now, null, null, outcome.validation(), null));
        }
        InvoiceEventType type = InvoiceEventType.valueOf(outcome.status().name());
        events.fire(new InvoiceEvent(type, job.accountId(), job.invoiceId(), outcome.status(), now,
                outcome.status() == InvoiceStatus.PROCESSED ? null : outcome.message(), null, null,
                outcome.status() == InvoiceStatus.FLAGGED ? outcome.flags() : null));
    }

    /** Not the document's fault (storage, database, an unexpected error): try again later, within the attempts. */
    private Uni<Void> retryOrFail(ClaimedJob job, Throwable failure, long started) {
        if (job.attempt() >= config.maxAttempts()) {
            LOG.warnf(failure, "Invoice %s failed on its last attempt %d", job.invoiceId(), job.attempt());
            return complete(job, JobOutcome.failed(attemptsExhausted()), started);
        }
        Instant when = clock.instant().plus(config.retryDelay().multipliedBy(job.attempt()));
        LOG.warnf(failure, "Invoice %s failed on attempt %d, retried from %s", job.invoiceId(), job.attempt(), when);
        metrics.count("retried");
        return queue.retryLater(job, when).replaceWithVoid();
    }

    /**
     * Renews the leases of documents still within their time limit. One past it should have been
     * killed already (its worker is stuck): its lease is left to expire, so another replica takes
     * the job and the attempts bound ends it FAILED.
     */
    private void renewLeases() {
        Instant leaseEnd = clock.instant().plus(config.leaseDuration());
        for (InFlight job : inFlight.values()) {
            if (job.deadline().passed()) {
                LOG.warnf("Invoice %s is past its time limit and still parsing; its lease is left to expire",
                        job.job().invoiceId());
                continue;
            }
            queue.renew(job.job(), leaseEnd).subscribe().with(held -> {
                if (!held) {
                    job.deadline().cancel("lease lost");
                }
            }, e -> LOG.warnf("Renewing the lease of invoice %s failed: %s", job.job().invoiceId(), e.getMessage()));
        }
    }

    private void fire(ClaimedJob job, InvoiceStatus status, String message) {
        InvoiceEventType type = InvoiceEventType.valueOf(status.name());
        events.fire(new InvoiceEvent(type, job.accountId(), job.invoiceId(), status, clock.instant(), message));
    }

    private String attemptsExhausted() {
        return "The PDF could not be processed after " + config.maxAttempts() + " attempts (processing stopped "
                + "before it finished each time); export it to a new PDF and upload that.";
    }

    private String timedOut() {
        return "The document exceeds the processing bounds: it could not be read within " + describe(config.timeLimit())
                + " because it is unusually complex; export or print it to a new PDF and upload that.";
    }

    private static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 1 ? seconds + (seconds == 1 ? " second" : " seconds") : duration.toMillis() + " ms";
    }

    /** Names this replica in lease_owner: the pod's host name and a part unique to this start. */
    private static String workerId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "replica");
        String id = host + "/" + UUID.randomUUID().toString().substring(0, 8);
        return id.length() <= 100 ? id : id.substring(id.length() - 100);
    }

    private record InFlight(ClaimedJob job, Deadline deadline) {
    }
}
