package com.envoyx.systemtest.fault;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * One client sending the same kind of request back to back (with a short pause) while a test
 * breaks things, recording every outcome with when it was sent. Bounded in time and count, so it
 * stops by itself even if a test forgets to.
 */
final class SteadyLoad implements AutoCloseable {

    private static final Duration MAX_RUN = Duration.ofSeconds(90);
    private static final int MAX_REQUESTS = 5_000;

    /** What one request does: any call whose timeout is {@link ApiCalls#DEADLINE}. */
    @FunctionalInterface
    interface Request {
        HttpResponse<String> send(int sequence) throws Exception;
    }

    /**
     * One request's fate. {@code response} is null when none arrived ({@code failure} says why:
     * a timeout past the deadline, a reset connection).
     */
    record Outcome(int sequence, Instant sentAt, Duration took, HttpResponse<String> response, String failure) {

        boolean answered() {
            return response != null;
        }

        int status() {
            return response == null ? -1 : response.statusCode();
        }

        @Override
        public String toString() {
            return "#" + sequence + " at " + sentAt + " took " + took.toMillis() + " ms: "
                    + (response == null ? "no answer (" + failure + ")" : ApiCalls.describe(response));
        }
    }

    private final String name;
    private final Duration pause;
    private final Request request;
    private final List<Outcome> outcomes = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    private SteadyLoad(String name, Duration pause, Request request) {
        this.name = name;
        this.pause = pause;
        this.request = request;
        this.thread = new Thread(this::run, "steady-load-" + name);
        this.thread.setDaemon(true);
    }

    static SteadyLoad start(String name, Duration pause, Request request) {
        SteadyLoad load = new SteadyLoad(name, pause, request);
        load.thread.start();
        return load;
    }

    private void run() {
        Instant end = Instant.now().plus(MAX_RUN);
        for (int sequence = 0; running.get() && sequence < MAX_REQUESTS && Instant.now().isBefore(end); sequence++) {
            Instant sentAt = Instant.now();
            HttpResponse<String> response = null;
            String failure = null;
            try {
                response = request.send(sequence);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            Outcome outcome = new Outcome(sequence, sentAt, Duration.between(sentAt, Instant.now()), response, failure);
            synchronized (outcomes) {
                outcomes.add(outcome);
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Outcomes so far, in the order they were sent. */
    List<Outcome> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    /**
     * Waits until a request sent at or after {@code since} ended as {@code wanted}; fails with
     * everything seen when that does not happen within {@code timeout}.
     */
    Outcome awaitOutcome(Instant since, Predicate<Outcome> wanted, Duration timeout, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (Outcome outcome : outcomes()) {
                if (!outcome.sentAt().isBefore(since) && wanted.test(outcome)) {
                    return outcome;
                }
            }
            if (!thread.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + ": no request ended as " + what + " within " + timeout + "; last outcomes:\n"
                + tail());
    }

    /** Stops after the request in flight and returns every outcome. */
    List<Outcome> stop() throws InterruptedException {
        running.set(false);
        thread.join(ApiCalls.DEADLINE.multipliedBy(2).toMillis());
        return outcomes();
    }

    /** Every request got an answer within {@link ApiCalls#DEADLINE}: none hung, none was cut off. */
    static void assertEveryRequestAnswered(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            throw new AssertionError("the load sent nothing");
        }
        for (Outcome outcome : outcomes) {
            if (!outcome.answered()) {
                throw new AssertionError("no answer within " + ApiCalls.DEADLINE + ": " + outcome);
            }
        }
    }

    /** The longest any request took (printed as a figure, not asserted beyond the deadline). */
    static Duration slowest(List<Outcome> outcomes) {
        return outcomes.stream().map(Outcome::took).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    String tail() {
        List<Outcome> all = outcomes();
        StringBuilder text = new StringBuilder();
        all.subList(Math.max(0, all.size() - 15), all.size()).forEach(outcome -> text.append(outcome).append('\n'));
        return text.toString();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
