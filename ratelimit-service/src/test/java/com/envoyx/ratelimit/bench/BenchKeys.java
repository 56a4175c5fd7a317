package com.envoyx.ratelimit.bench;

import com.envoyx.ratelimit.testing.TestKeys;

/** Writes the test signing key's JWKS (target/test-keys/jwks.json) for the benchmark's service to trust. */
public final class BenchKeys {

    private BenchKeys() {
    }

    public static void main(String[] args) {
        System.out.println(TestKeys.jwks());
    }
}
