package com.envoyx.ratelimit.testing;

import com.envoyx.contracts.ratelimit.v1.CheckRequest;
import com.envoyx.contracts.ratelimit.v1.Limit;
import com.envoyx.contracts.ratelimit.v1.RefundRequest;

/** The gRPC requests invoice-service sends, for tests. */
public final class Requests {

    private Requests() {
    }

    /** One general API request. */
    public static CheckRequest general(String token) {
        return CheckRequest.newBuilder().setToken(token).addLimits(Limit.GENERAL_REQUESTS).build();
    }

    /** One upload: general and upload limits, charged together. */
    public static CheckRequest upload(String token) {
        return CheckRequest.newBuilder().setToken(token)
                .addLimits(Limit.GENERAL_REQUESTS).addLimits(Limit.INVOICE_UPLOADS).build();
    }

    public static RefundRequest refund(String token, String requestId) {
        return RefundRequest.newBuilder().setToken(token).setRequestId(requestId).build();
    }
}
