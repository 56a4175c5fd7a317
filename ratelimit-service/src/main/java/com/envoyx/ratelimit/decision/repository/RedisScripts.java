package com.envoyx.ratelimit.decision.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.envoyx.ratelimit.error.RateLimitException;
import com.envoyx.ratelimit.platform.RedisConfig;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;

/**
 * Runs the service's Lua scripts: one round trip each (EVALSHA; EVAL only when Redis lost its
 * script cache), bounded by the configured deadline. Any failure or timeout surfaces as a
 * SERVICE_UNAVAILABLE refusal (an outage to {@code Outages}), which the caller's failure mode
 * turns into a decision.
 */
@ApplicationScoped
public class RedisScripts {

    private static final Logger LOG = Logger.getLogger(RedisScripts.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(2);
    /** Redis is usually back within a second (a failover, a restart); the skip interval is about as long. */
    private static final long RETRY_AFTER_SECONDS = 1;

    private final ReactiveRedisDataSource redis;
    private final RedisAvailability availability;
    private final Duration deadline;

    RedisScripts(ReactiveRedisDataSource redis, RedisAvailability availability, RedisConfig config) {
        this.redis = redis;
        this.availability = availability;
        this.deadline = config.deadline();
    }

    /**
     * Loads every script at startup, so the first decisions neither pay a NOSCRIPT round trip nor
     * open the first connection inside their deadline. Redis away at startup is not fatal: calls
     * fall back to EVAL, or to their failure modes. In a Redis Cluster SCRIPT LOAD has no key to
     * route by and reaches one master; every other master (and a replica promoted by a failover)
     * learns each script from the EVAL fallback of its first NOSCRIPT, which caches it there.
     */
    void preload(@Observes StartupEvent event) {
        for (LuaScript script : LuaScript.ALL) {
            try {
                redis.execute("SCRIPT", "LOAD", script.source()).await().atMost(STARTUP_WAIT);
            } catch (RuntimeException e) {
                LOG.warnf("could not preload script %s into Redis: %s", script.name(), e.toString());
            }
        }
    }

    public Uni<Response> run(LuaScript script, List<String> keys, List<String> args) {
        if (!availability.shouldAsk()) {
            return Uni.createFrom().failure(
                    RateLimitException.unavailable("Redis failed recently; not asked", RETRY_AFTER_SECONDS));
        }
        return redis.execute(Command.EVALSHA, arguments(script.sha(), keys, args))
                .onFailure(RedisScripts::isNoScript)
                .recoverWithUni(() -> redis.execute(Command.EVAL, arguments(script.source(), keys, args)))
                .ifNoItem().after(deadline).fail()
                .onItem().invoke(availability::answered)
                .onFailure().transform(failure -> {
                    availability.failed();
                    LOG.warnf("Redis script %s failed: %s", script.name(), failure.toString());
                    return RateLimitException.unavailable("Redis did not answer " + script.name() + " in time",
                            RETRY_AFTER_SECONDS);
                });
    }

    private static String[] arguments(String scriptOrSha, List<String> keys, List<String> args) {
        List<String> all = new ArrayList<>(2 + keys.size() + args.size());
        all.add(scriptOrSha);
        all.add(Integer.toString(keys.size()));
        all.addAll(keys);
        all.addAll(args);
        return all.toArray(String[]::new);
    }

    private static boolean isNoScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }
}
