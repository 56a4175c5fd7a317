package com.envoyx.ratelimit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.envoyx.infra.Ports;
import com.envoyx.infra.testing.LocalRedisCluster;

/** The test cluster is real (three masters sharing all slots) and leaves no process behind. */
class LocalRedisClusterTest {

    @Test
    void startsThreeMastersCoveringEverySlotAndKillsThemOnClose() {
        LocalRedisCluster cluster = LocalRedisCluster.start(3);
        List<Long> pids;
        List<Integer> ports;
        try {
            pids = cluster.pids();
            ports = cluster.ports();
            assertEquals(3, pids.size());
            Set<Integer> masters = new HashSet<>();
            for (int port : ports) {
                String info = LocalRedisCluster.cli(port, "CLUSTER", "INFO");
                assertTrue(info.contains("cluster_state:ok"), info);
                assertTrue(info.contains("cluster_slots_assigned:16384"), info);
                assertTrue(info.contains("cluster_size:3"), info);
            }
            for (int slot : new int[] {0, 8000, 16383}) {
                masters.add(LocalRedisCluster.masterOf(ports.get(0), slot));
            }
            assertEquals(3, masters.size(), "the slots are spread over all three masters");
            assertEquals(new HashSet<>(ports), new HashSet<>(LocalRedisCluster.masters(ports.get(0))), "every node is a master");
        } finally {
            cluster.close();
        }
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "redis-server " + pid + " is gone");
        }
        for (int port : ports) {
            assertFalse(Ports.answers("127.0.0.1", port, Duration.ofMillis(200)), "nothing listens on " + port);
        }
    }
}
