package com.envoyx.ratelimit.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of tests that call the service over gRPC: one channel per test class. */
public abstract class GrpcTestSupport {

    protected static GrpcClient grpc;

    @BeforeAll
    static void connect() {
        grpc = new GrpcClient();
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        grpc.close();
    }
}
