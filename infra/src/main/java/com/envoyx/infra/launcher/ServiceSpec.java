package com.envoyx.infra.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One service of the suite as the launcher starts it.
 *
 * @param name        short name used as the log prefix
 * @param module      Maven module directory, relative to the repository root
 * @param portVariable environment variable that sets its HTTP port
 * @param defaultPort HTTP port when that variable is not set
 * @param database    database it owns, created if missing; null for none
 */
public record ServiceSpec(String name, String module, String portVariable, int defaultPort, String database) {

    /** The suite in start order: the services that others call come first. */
    public static final List<ServiceSpec> SUITE = List.of(
            new ServiceSpec("auth", "auth-service", "ENVOYX_AUTH_HTTP_PORT", 8081, "envoyx_auth"),
            new ServiceSpec("ratelimit", "ratelimit-service", "ENVOYX_RATELIMIT_HTTP_PORT", 8082, null),
            new ServiceSpec("invoice", "invoice-service", "ENVOYX_INVOICE_HTTP_PORT", 8080, "envoyx_invoice"));

    public Path runnableJar(Path repositoryRoot) {
        return repositoryRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public int httpPort(Map<String, String> environment) {
        return Integer.parseInt(environment.getOrDefault(portVariable, Integer.toString(defaultPort)));
    }
}
