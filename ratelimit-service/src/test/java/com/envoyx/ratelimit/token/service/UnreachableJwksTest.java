package com.envoyx.ratelimit.token.service;

import static com.envoyx.ratelimit.testing.Requests.general;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.envoyx.infra.Ports;
import com.envoyx.infra.testing.InfraTestResource;
import com.envoyx.ratelimit.testing.GrpcTestSupport;
import com.envoyx.ratelimit.testing.TestTokens;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** auth-service's JWKS cannot be fetched: callers hear "try again", not "your token is bad". */
@QuarkusTest
@TestProfile(UnreachableJwksTest.NoJwks.class)
class UnreachableJwksTest extends GrpcTestSupport {

    public static class NoJwks implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.publickey.location", "http://127.0.0.1:" + Ports.freePort() + "/.well-known/jwks.json");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(InfraTestResource.class, Map.of()));
        }
    }

    @Test
    void aValidTokenIsAnsweredUnavailable() {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> grpc.blocking().check(general(TestTokens.forKey(TestTokens.newKeyId()))));
        assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode(), refused.toString());
    }
}
