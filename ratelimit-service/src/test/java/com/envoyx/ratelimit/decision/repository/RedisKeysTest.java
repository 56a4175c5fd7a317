package com.envoyx.ratelimit.decision.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.envoyx.ratelimit.decision.model.LimitName;
import com.envoyx.ratelimit.testing.HashSlots;
import com.envoyx.ratelimit.testing.TestRedisConfig;

/** Every script's keys share one Redis Cluster slot, and API keys spread over the slots. */
class RedisKeysTest {

    @Test
    void everyKeyOfOneApiKeyIsInOneSlot() {
        RedisKeys keys = new RedisKeys(TestRedisConfig.withPrefix("envoyx:"));
        Random random = new Random(8);
        Set<Integer> slots = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            String keyId = new UUID(random.nextLong(), random.nextLong()).toString();
            int slot = HashSlots.slot(keys.usage(keyId));
            for (LimitName limit : LimitName.values()) {
                assertEquals(slot, HashSlots.slot(keys.limit(keyId, limit)), keys.limit(keyId, limit));
            }
            slots.add(slot);
        }
        assertTrue(slots.size() > 480, "different API keys land on different slots: " + slots.size());
    }

    @Test
    void theSlotFunctionIsRedisClusters() {
        assertEquals(0x31C3, HashSlots.slot("123456789"), "CRC16/XMODEM check value of the Redis Cluster spec");
        assertEquals(HashSlots.slot("user1000"), HashSlots.slot("{user1000}.following"));
    }

    @Test
    void aPrefixWithAHashTagIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RedisKeys.validPrefix("{envoyx}:"));
        assertThrows(IllegalArgumentException.class, () -> RedisKeys.validPrefix("envoyx}:"));
        assertEquals("envoyx:", RedisKeys.validPrefix("envoyx:"));
    }
}
