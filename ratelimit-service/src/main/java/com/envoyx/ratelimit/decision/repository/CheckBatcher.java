package com.envoyx.ratelimit.decision.repository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.envoyx.ratelimit.decision.model.UsageRetention;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Response;

/**
 * Coalesces the check decisions that arrive during one event-loop task (the unary Checks of one
 * read from the network, a whole CheckBatch, Envoy's requests) into one run of the check script:
 * one Redis round trip and one script call for all of them, instead of one each. The first
 * decision of a task schedules the send for right after the task, on the same event loop, so no
 * decision waits for a timer or for a later one. Each decision still runs as if alone, in arrival
 * order, and gets its own answer; a failed round trip fails every decision of it, and each one's
 * failure mode then decides for it.
 *
 * <p>Redis Cluster: a script may only touch keys of one slot, so there one call carries the
 * decisions of one API key (whose keys share a hash tag); a standalone Redis takes the whole batch.
 */
@ApplicationScoped
public class CheckBatcher {

    /**
     * Decisions per script call. Redis runs nothing else while a script runs: 64 decisions keep one
     * call well under a millisecond, and larger batches measured no faster.
     */
    static final int MAX_BATCH = 64;
    private static final List<String> HEADER = List.of(Integer.toString(UsageRetention.HOURS_KEPT),
            Integer.toString(UsageRetention.DAYS_KEPT), Long.toString(UsageRetention.IDLE_TTL.toSeconds()));

    private final RedisScripts scripts;
    private final boolean cluster;
    /** The decisions of the current task of this event-loop thread; only ever touched by that thread. */
    private final ThreadLocal<List<Pending>> turn = new ThreadLocal<>();

    CheckBatcher(RedisScripts scripts, @ConfigProperty(name = "quarkus.redis.client-type") String clientType) {
        this.scripts = scripts;
        this.cluster = "cluster".equalsIgnoreCase(clientType);
    }

    /**
     * One decision: its keys and arguments in the check script's per-decision layout; answers its
     * own entry of the script's reply.
     */
    Uni<Response> submit(String keyId, List<String> keys, List<String> args) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = Vertx.currentContext();
            Pending pending = new Pending(keyId, keys, args, context, emitter);
            if (context == null || !Context.isOnEventLoopThread()) {
                // Not on an event loop (a worker, a test thread): no task end to wait for.
                send(List.of(pending));
                return;
            }
            List<Pending> batch = turn.get();
            if (batch == null) {
                batch = new ArrayList<>();
                turn.set(batch);
                context.runOnContext(ignored -> flush());
            }
            batch.add(pending);
        });
    }

    private void flush() {
        List<Pending> batch = turn.get();
        turn.remove();
        if (cluster) {
            Map<String, List<Pending>> perKey = new LinkedHashMap<>();
            batch.forEach(pending -> perKey.computeIfAbsent(pending.keyId(), key -> new ArrayList<>()).add(pending));
            perKey.values().forEach(this::sendInChunks);
        } else {
            sendInChunks(batch);
        }
    }

    private void sendInChunks(List<Pending> batch) {
        for (int from = 0; from < batch.size(); from += MAX_BATCH) {
            send(batch.subList(from, Math.min(batch.size(), from + MAX_BATCH)));
        }
    }

    private void send(List<Pending> chunk) {
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>(HEADER);
        args.add(Integer.toString(chunk.size()));
        for (Pending pending : chunk) {
            keys.addAll(pending.keys());
            args.addAll(pending.args());
        }
        scripts.run(LuaScript.CHECK, keys, args).subscribe().with(
                response -> {
                    for (int i = 0; i < chunk.size(); i++) {
                        chunk.get(i).answer(response.get(i), null);
                    }
                },
                failure -> chunk.forEach(pending -> pending.answer(null, failure)));
    }

    private record Pending(String keyId, List<String> keys, List<String> args, Context context,
            UniEmitter<? super Response> emitter) {

        /** On the decision's own Vert.x context, as if it had made its own call. */
        void answer(Response response, Throwable failure) {
            if (context == null || context == Vertx.currentContext()) {
                emit(response, failure);
            } else {
                context.runOnContext(ignored -> emit(response, failure));
            }
        }

        private void emit(Response response, Throwable failure) {
            if (failure == null) {
                emitter.complete(response);
            } else {
                emitter.fail(failure);
            }
        }
    }
}
