package com.envoyx.ratelimit.envoy.grpc;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.ratelimit.decision.model.CheckResult;
import com.envoyx.ratelimit.decision.model.LimitDecision;
import com.envoyx.ratelimit.decision.model.LimitName;
import com.envoyx.ratelimit.decision.service.RateLimitService;
import com.envoyx.ratelimit.envoy.config.EnvoyRlsConfig;
import com.envoyx.ratelimit.error.ErrorMapping;
import com.envoyx.ratelimit.error.RateLimitException;
import com.envoyx.ratelimit.token.service.TokenVerifier;

import io.envoyproxy.envoy.extensions.common.ratelimit.v3.RateLimitDescriptor;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitRequest;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse.Code;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse.DescriptorStatus;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitServiceGrpc;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/**
 * Envoy's {@code ShouldRateLimit}, so an Envoy or Istio data plane can use this service directly.
 * Descriptor mapping: a descriptor with entry {@code limit} = general_requests | invoice_uploads is
 * ours and must carry entry {@code token} = the internal JWT (e.g. set by ext_authz and copied from
 * a request header); every descriptor of ours in one request must carry the same token and is
 * charged together, all or none, with cost = {@code hits_addend} (0 read as 1). Descriptors
 * without a {@code limit} entry are not ours and answered OK.
 */
@GrpcService
public class EnvoyRateLimitService extends RateLimitServiceGrpc.RateLimitServiceImplBase {

    static final String LIMIT_ENTRY = "limit";
    static final String TOKEN_ENTRY = "token";

    private final TokenVerifier tokens;
    private final RateLimitService service;
    private final EnvoyRlsConfig config;
    private final Clock clock;

    EnvoyRateLimitService(TokenVerifier tokens, RateLimitService service, EnvoyRlsConfig config, Clock clock) {
        this.tokens = tokens;
        this.service = service;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void shouldRateLimit(RateLimitRequest request, StreamObserver<RateLimitResponse> response) {
        Uni.createFrom().deferred(() -> decide(request))
                .onFailure().transform(ErrorMapping::toStatus)
                .subscribe().with(answer -> {
                    response.onNext(answer);
                    response.onCompleted();
                }, response::onError);
    }

    private Uni<RateLimitResponse> decide(RateLimitRequest request) {
        if (!config.domain().equals(request.getDomain())) {
            throw invalid("Unknown rate limit domain '" + request.getDomain() + "'; expected '" + config.domain() + "'.");
        }
        List<LimitName> limits = new ArrayList<>();
        Set<String> descriptorTokens = new HashSet<>();
        for (RateLimitDescriptor descriptor : request.getDescriptorsList()) {
            String limit = entry(descriptor, LIMIT_ENTRY);
            if (limit == null) {
                limits.add(null);
                continue;
            }
            LimitName name = LimitName.fromJson(limit);
            if (name == null || !name.rolling()) {
                throw invalid("Descriptor limit must be general_requests or invoice_uploads, not '" + limit + "'.");
            }
            descriptorTokens.add(entry(descriptor, TOKEN_ENTRY));
            limits.add(name);
        }
        List<LimitName> ours = limits.stream().filter(Objects::nonNull).toList();
        if (ours.isEmpty()) {
            return Uni.createFrom().item(allOk(request.getDescriptorsCount()));
        }
        if (descriptorTokens.size() > 1) {
            throw invalid("All descriptors of one request must carry the same token.");
        }
        String token = descriptorTokens.iterator().next();
        int cost = request.getHitsAddend();
        return tokens.verify(token)
                .flatMap(caller -> service.check(caller, ours, cost, null))
                .map(result -> answer(limits, result));
    }

    private RateLimitResponse answer(List<LimitName> limits, CheckResult result) {
        RateLimitResponse.Builder answer = RateLimitResponse.newBuilder()
                .setOverallCode(result.allowed() ? Code.OK : Code.OVER_LIMIT);
        long nowSeconds = clock.instant().getEpochSecond();
        for (LimitName name : limits) {
            if (name == null) {
                answer.addStatuses(DescriptorStatus.newBuilder().setCode(Code.OK));
                continue;
            }
            LimitDecision decision = result.decisions().stream().filter(d -> d.limit() == name).findFirst().orElseThrow();
            answer.addStatuses(EnvoyStatuses.of(decision, nowSeconds));
        }
        return answer.build();
    }

    private static RateLimitResponse allOk(int descriptors) {
        RateLimitResponse.Builder answer = RateLimitResponse.newBuilder().setOverallCode(Code.OK);
        for (int i = 0; i < descriptors; i++) {
            answer.addStatuses(DescriptorStatus.newBuilder().setCode(Code.OK));
        }
        return answer.build();
    }

    private static String entry(RateLimitDescriptor descriptor, String key) {
        return descriptor.getEntriesList().stream()
                .filter(entry -> entry.getKey().equals(key))
                .map(RateLimitDescriptor.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    private static RateLimitException invalid(String message) {
        return new RateLimitException(ErrorCode.VALIDATION_ERROR, message);
    }
}
