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
 * @param databaseVariable environment variable naming its database (the service reads the same
 *                    one), or null when it has none
 * @param defaultDatabase database name when that variable is not set
 */
public record ServiceSpec(String name, String module, String portVariable, int defaultPort,
                          String databaseVariable, String defaultDatabase) {

    /** The suite in start order: the services that others call come first. */
    public static final List<ServiceSpec> SUITE = List.of(
            new ServiceSpec("auth", "auth-service", "ENVOYX_AUTH_HTTP_PORT", 8081, "ENVOYX_AUTH_DB", "envoyx_auth"),
            new ServiceSpec("ratelimit", "ratelimit-service", "ENVOYX_RATELIMIT_HTTP_PORT", 8082, null, null),
            new ServiceSpec("invoice", "invoice-service", "ENVOYX_INVOICE_HTTP_PORT", 8080, "ENVOYX_INVOICE_DB", "envoyx_invoice"));

    public static ServiceSpec named(String name) {
        return SUITE.stream().filter(spec -> spec.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    public Path runnableJar(Path repositoryRoot) {
        return repositoryRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The database it owns under this environment, or null when it has none. */
    public String database(Map<String, String> environment) {
        return databaseVariable == null ? null : environment.getOrDefault(databaseVariable, defaultDatabase);
    }

    public int httpPort(Map<String, String> environment) {
        return Integer.parseInt(environment.getOrDefault(portVariable, Integer.toString(defaultPort)));
    }
}
