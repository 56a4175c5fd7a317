package com.envoyx.ratelimit.testing;

import java.util.HashMap;
import java.util.Map;

import com.envoyx.infra.testing.InfraTestResource;

/** The machine's Redis (fresh key prefix per start) plus the test JWKS in place of auth-service's. */
public class ServiceTestResource extends InfraTestResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("mp.jwt.verify.publickey.location", "file:" + TestKeys.jwks());
        return config;
    }
}
