package com.envoyx.ratelimit.envoy.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.envoyx.ratelimit.testing.GrpcTestSupport;
import com.envoyx.ratelimit.testing.ServiceTestResource;
import com.envoyx.ratelimit.testing.TestTokens;

import io.envoyproxy.envoy.extensions.common.ratelimit.v3.RateLimitDescriptor;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitRequest;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse.Code;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse.RateLimit;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Envoy's global rate limit protocol, as an Envoy data plane calls it. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class EnvoyRateLimitServiceTest extends GrpcTestSupport {

    @Test
    void descriptorsAreChargedTogetherAndAnsweredPerDescriptor() {
        String token = TestTokens.forKey(TestTokens.newKeyId(), Map.of("uploads_per_hour", 1));
        RateLimitRequest upload = RateLimitRequest.newBuilder()
                .setDomain("envoyx")
                .addDescriptors(descriptor("general_requests", token))
                .addDescriptors(descriptor("invoice_uploads", token))
                .addDescriptors(RateLimitDescriptor.newBuilder().addEntries(entry("remote_address", "10.0.0.1")))
                .build();

        RateLimitResponse first = stub().shouldRateLimit(upload);
        assertEquals(Code.OK, first.getOverallCode());
        assertEquals(3, first.getStatusesCount());
        assertEquals(99, first.getStatuses(0).getLimitRemaining());
        assertEquals(RateLimit.Unit.MINUTE, first.getStatuses(0).getCurrentLimit().getUnit());
        assertEquals(100, first.getStatuses(0).getCurrentLimit().getRequestsPerUnit());
        assertEquals(RateLimit.Unit.HOUR, first.getStatuses(1).getCurrentLimit().getUnit());
        assertTrue(first.getStatuses(1).getDurationUntilReset().getSeconds() > 3590);
        assertEquals(Code.OK, first.getStatuses(2).getCode(), "not our descriptor");

        RateLimitResponse second = stub().shouldRateLimit(upload);
        assertEquals(Code.OVER_LIMIT, second.getOverallCode());
        assertEquals(Code.OK, second.getStatuses(0).getCode());
        assertEquals(Code.OVER_LIMIT, second.getStatuses(1).getCode());
        assertEquals(99, second.getStatuses(0).getLimitRemaining(), "all or none: general was not charged");
    }

    @Test
    void hitsAddendIsTheCost() {
        String token = TestTokens.forKey(TestTokens.newKeyId());
        RateLimitResponse answer = stub().shouldRateLimit(RateLimitRequest.newBuilder()
                .setDomain("envoyx").setHitsAddend(10).addDescriptors(descriptor("general_requests", token)).build());
        assertEquals(90, answer.getStatuses(0).getLimitRemaining());
    }

    @Test
    void badRequestsAreRefused() {
        String token = TestTokens.forKey(TestTokens.newKeyId());
        assertCode(Status.Code.INVALID_ARGUMENT, RateLimitRequest.newBuilder().setDomain("other")
                .addDescriptors(descriptor("general_requests", token)).build());
        assertCode(Status.Code.INVALID_ARGUMENT, RateLimitRequest.newBuilder().setDomain("envoyx")
                .addDescriptors(descriptor("websocket_connections", token)).build());
        assertCode(Status.Code.UNAUTHENTICATED, RateLimitRequest.newBuilder().setDomain("envoyx")
                .addDescriptors(descriptor("general_requests", "forged")).build());
        assertCode(Status.Code.UNAUTHENTICATED, RateLimitRequest.newBuilder().setDomain("envoyx")
                .addDescriptors(RateLimitDescriptor.newBuilder().addEntries(entry("limit", "general_requests"))).build());
    }

    private static void assertCode(Status.Code code, RateLimitRequest request) {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> stub().shouldRateLimit(request));
        assertEquals(code, refused.getStatus().getCode());
    }

    private static RateLimitServiceGrpc.RateLimitServiceBlockingStub stub() {
        return RateLimitServiceGrpc.newBlockingStub(grpc.channel()).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private static RateLimitDescriptor descriptor(String limit, String token) {
        return RateLimitDescriptor.newBuilder().addEntries(entry("limit", limit)).addEntries(entry("token", token)).build();
    }

    private static RateLimitDescriptor.Entry entry(String key, String value) {
        return RateLimitDescriptor.Entry.newBuilder().setKey(key).setValue(value).build();
    }
}
