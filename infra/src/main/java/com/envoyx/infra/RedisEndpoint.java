package com.envoyx.infra;

/** A Redis server the suite can use, embedded or not. */
public record RedisEndpoint(String host, int port, boolean embedded) {

    public String url() {
        return "redis://" + host + ":" + port;
    }
}
