package com.envoyx.ratelimit.testing;

import java.util.HashMap;
import java.util.Map;

import com.envoyx.infra.testing.OwnServersTestResource;

/** A Redis server the test owns and may stop, plus the test JWKS. */
public class OwnRedisTestResource extends OwnServersTestResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("mp.jwt.verify.publickey.location", "file:" + TestKeys.jwks());
        return config;
    }
}
