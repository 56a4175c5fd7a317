package com.envoyx.contracts.throttle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FixedWindowScriptsTest {

    @Test
    void bothScriptsTravelInTheJar() {
        assertTrue(FixedWindowScripts.COUNT_ATTEMPT.contains("redis.call('INCR', KEYS[1])"));
        assertTrue(FixedWindowScripts.COUNT_ATTEMPT.contains("return {count, ttl}"));
        assertTrue(FixedWindowScripts.GIVE_BACK.contains("redis.call('DECR', KEYS[1])"));
    }
}
