package com.envoyx.systemtest.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;

import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.ClientCalls;

/**
 * The internal gRPC methods (contracts {@code key_exchange.proto}, {@code rate_limiter.proto}) as
 * raw unary calls. Messages are built and read with protobuf's wire-level API
 * ({@link UnknownFieldSet}: field number -> values), so the system tests need no code generation
 * for the handful of fields they send and read.
 */
final class InternalRpc {

    static final String EXCHANGE = "envoyx.auth.v1.KeyExchange/Exchange";
    static final String CHECK = "envoyx.ratelimit.v1.RateLimiter/Check";
    static final String ACQUIRE_LEASE = "envoyx.ratelimit.v1.RateLimiter/AcquireLease";
    static final String RENEW_LEASE = "envoyx.ratelimit.v1.RateLimiter/RenewLease";
    static final String RELEASE_LEASE = "envoyx.ratelimit.v1.RateLimiter/ReleaseLease";
    static final String REFUND = "envoyx.ratelimit.v1.RateLimiter/Refund";
    static final String GET_USAGE = "envoyx.ratelimit.v1.RateLimiter/GetUsage";
    static final String SHOULD_RATE_LIMIT = "envoy.service.ratelimit.v3.RateLimitService/ShouldRateLimit";
    /** Every RPC served on ratelimit-service's internal port. */
    static final List<String> RATELIMIT_METHODS =
            List.of(CHECK, ACQUIRE_LEASE, RENEW_LEASE, RELEASE_LEASE, REFUND, GET_USAGE, SHOULD_RATE_LIMIT);

    /** {@code Limit.GENERAL_REQUESTS} in rate_limiter.proto. */
    static final int GENERAL_REQUESTS = 1;

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private InternalRpc() {
    }

    static MethodDescriptor<byte[], byte[]> method(String fullName) {
        return MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(fullName)
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES)
                .build();
    }

    static ManagedChannel channel(int port) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    /** A TLS channel that trusts only the CA certificate in {@code caCertificate} (PEM), hostname verified. */
    static ManagedChannel tlsChannel(int port, Path caCertificate) {
        try {
            return Grpc.newChannelBuilderForAddress("127.0.0.1", port,
                    TlsChannelCredentials.newBuilder().trustManager(caCertificate.toFile()).build()).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One unary call with a deadline; gRPC failures surface as {@code StatusRuntimeException}. */
    static UnknownFieldSet call(ManagedChannel channel, String method, UnknownFieldSet request) {
        byte[] answer = ClientCalls.blockingUnaryCall(channel, method(method),
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request.toByteArray());
        return parse(answer);
    }

    /** {@code CheckRequest{token, limits: [GENERAL_REQUESTS]}}. */
    static UnknownFieldSet checkRequest(String token) {
        return UnknownFieldSet.newBuilder()
                .addField(1, string(token))
                .addField(2, UnknownFieldSet.Field.newBuilder().addVarint(GENERAL_REQUESTS).build())
                .build();
    }

    /** {@code ExchangeRequest{api_key}}. */
    static UnknownFieldSet exchangeRequest(String apiKey) {
        return UnknownFieldSet.newBuilder().addField(1, string(apiKey)).build();
    }

    /** {@code ExchangeResponse{token: IssuedToken{jwt, expires_at, key_id}}}. */
    static UnknownFieldSet exchangeAnswer(String jwt, long expiresAt, String keyId) {
        UnknownFieldSet issued = UnknownFieldSet.newBuilder()
                .addField(1, string(jwt))
                .addField(2, UnknownFieldSet.Field.newBuilder().addVarint(expiresAt).build())
                .addField(3, string(keyId))
                .build();
        return UnknownFieldSet.newBuilder()
                .addField(1, UnknownFieldSet.Field.newBuilder().addLengthDelimited(issued.toByteString()).build())
                .build();
    }

    /** The first string value of a field, or empty when absent. */
    static String stringField(UnknownFieldSet message, int number) {
        List<ByteString> values = message.getField(number).getLengthDelimitedList();
        return values.isEmpty() ? "" : values.get(0).toStringUtf8();
    }

    /** The first varint of a field (bools and enums), or 0 when absent (proto3 default). */
    static long varintField(UnknownFieldSet message, int number) {
        List<Long> values = message.getField(number).getVarintList();
        return values.isEmpty() ? 0 : values.get(0);
    }

    /** The first nested message of a field, or null when absent. */
    static UnknownFieldSet messageField(UnknownFieldSet message, int number) {
        List<ByteString> values = message.getField(number).getLengthDelimitedList();
        return values.isEmpty() ? null : parse(values.get(0).toByteArray());
    }

    static UnknownFieldSet parse(byte[] bytes) {
        try {
            return UnknownFieldSet.parseFrom(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static UnknownFieldSet.Field string(String value) {
        return UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8(value)).build();
    }
}
