package com.envoyx.systemtest.security;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;

/**
 * A hostile stand-in for auth-service: serves a JWKS (HTTP) with the test's key and answers every
 * gRPC {@code KeyExchange.Exchange} with whatever token the test handed it last, as a compromised
 * or impersonated auth-service would. The services under test are pointed at it.
 */
final class TokenAuthority implements AutoCloseable {

    private final HttpServer jwksServer;
    private final Server exchangeServer;
    private final AtomicReference<String> nextToken;

    private TokenAuthority(HttpServer jwksServer, Server exchangeServer, AtomicReference<String> nextToken) {
        this.jwksServer = jwksServer;
        this.exchangeServer = exchangeServer;
        this.nextToken = nextToken;
    }

    static TokenAuthority start(String jwks) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
        http.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        AtomicReference<String> nextToken = new AtomicReference<>("");
        ServerServiceDefinition exchange = ServerServiceDefinition.builder("envoyx.auth.v1.KeyExchange")
                .addMethod(InternalRpc.method(InternalRpc.EXCHANGE), ServerCalls.asyncUnaryCall((request, answer) -> {
                    answer.onNext(InternalRpc.exchangeAnswer(nextToken.get(), Instant.now().getEpochSecond() + 300,
                            UUID.randomUUID().toString()).toByteArray());
                    answer.onCompleted();
                }))
                .build();
        Server grpc = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(exchange).build().start();
        return new TokenAuthority(http, grpc, nextToken);
    }

    /** The token every following Exchange answers with. */
    void handOut(String token) {
        nextToken.set(token);
    }

    String jwksUrl() {
        return "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/.well-known/jwks.json";
    }

    int exchangePort() {
        return exchangeServer.getPort();
    }

    @Override
    public void close() {
        exchangeServer.shutdownNow();
        jwksServer.stop(0);
    }
}
