package com.envoyx.systemtest.fault;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.envoyx.infra.Ports;
import com.envoyx.systemtest.support.Fleet;
import com.envoyx.systemtest.support.ServiceInstance;

/**
 * The fleet the fault tests break leaves nothing behind: after {@link Fleet#close()} no process
 * of it runs, no port of it answers and its work directory (PostgreSQL data, blobs, upload temp
 * files, signing key) is gone. Its start already proved that an upload goes through.
 */
class FleetTeardownTest {

    @Test
    void closeLeavesNoProcessPortOrFileBehind() {
        Fleet fleet = Fleet.start(Fleet.options());
        List<ProcessHandle> processes = new ArrayList<>();
        List<Integer> ports;
        try {
            fleet.services().stream().map(ServiceInstance::handle).forEach(processes::add);
            processes.add(fleet.redis().handle());
            ports = fleet.ports();
        } finally {
            fleet.close();
        }
        for (ProcessHandle process : processes) {
            assertFalse(process.isAlive(), "left running: " + process.info().commandLine().orElse("pid " + process.pid()));
        }
        for (int port : ports) {
            assertFalse(Ports.answers("127.0.0.1", port, Duration.ofMillis(300)), "port " + port + " still answers");
        }
        assertFalse(Files.exists(fleet.workDirectory()), "left behind: " + fleet.workDirectory());
    }
}
