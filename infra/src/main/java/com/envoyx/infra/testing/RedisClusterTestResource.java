package com.envoyx.infra.testing;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@link InfraTestResource} with Redis replaced by a real three-master {@link LocalRedisCluster}
 * of this Quarkus start's own ({@code quarkus.redis.client-type=cluster}, every node a seed in
 * {@code quarkus.redis.hosts}), killed when the start ends. PostgreSQL and the fresh key prefix
 * are as in {@link InfraTestResource}; the init arg {@code database} works the same.
 */
public class RedisClusterTestResource extends InfraTestResource {

    private LocalRedisCluster cluster;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        cluster = LocalRedisCluster.start(3);
        config.put("quarkus.redis.client-type", "cluster");
        config.put("quarkus.redis.hosts", cluster.hosts());
        return config;
    }

    @Override
    public void stop() {
        if (cluster != null) {
            cluster.close();
        }
        super.stop();
    }

    /** The ports of the nodes the service under test was given, read from its configuration (for test classes). */
    public static List<Integer> configuredNodePorts() {
        String hosts = ConfigProvider.getConfig().getValue("quarkus.redis.hosts", String.class);
        return List.of(hosts.split(",")).stream().map(host -> URI.create(host.trim()).getPort()).toList();
    }
}
