package com.envoyx.systemtest.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.envoyx.systemtest.support.LaunchedSuite;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Renders every overlay offline with {@code kubectl kustomize}, parses each object strictly as a
 * Kubernetes API type and checks the invariants horizontal scaling and safe rollouts rely on.
 */
class KubernetesManifestsTest {

    private static final Set<String> SERVICES = Set.of("auth-service", "ratelimit-service", "invoice-service");
    private static final Pattern SECRET_LIKE_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|PEPPER|PRIVATE|CREDENTIAL|ACCESS_KEY|IDENTITY).*");
    /** Ports of servers that only named callers may reach. */
    private static final Set<String> INTERNAL_PORT_NAMES = Set.of("grpc", "jwks", "postgres", "redis", "s3");
    private static final Set<String> PUBLIC_PATH_PREFIXES = Set.of("/api/v1/invoices", "/api/v1/ws", "/api/v1/ws/ticket", "/api/v1/me",
            "/api/v1/webhooks", "/api/v1/dashboard", "/api/v1/auth", "/api/v1/api-keys", "/api/v1/audit-events", "/.well-known/jwks.json",
            "/signup", "/verify-email", "/reset-password", "/settings", "/assets", "/dashboard", "/");
    private static final Pattern SMTP_SETTING = Pattern.compile("\\$\\{(ENVOYX_SMTP_[A-Z_]+)");
    /** SMTP settings that name or open the account at the mail server: from a Secret, never a ConfigMap. */
    private static final Set<String> SMTP_FROM_SECRET = Set.of("ENVOYX_SMTP_HOST", "ENVOYX_SMTP_USERNAME", "ENVOYX_SMTP_PASSWORD");
    private static final Pattern ADDRESS_OR_CIDR = Pattern.compile("[0-9a-fA-F.:]+(/[0-9]{1,3})?");

    @BeforeAll
    static void needsKubectl() {
        assumeTrue(RenderedManifests.kubectlAvailable(), "kubectl (with kustomize) is not installed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyServiceIsDeployedSafely(String overlay) throws Exception {
        RenderedManifests manifests = render(overlay);
        List<Deployment> deployments = manifests.ofType(Deployment.class).stream()
                .filter(d -> SERVICES.contains(d.getMetadata().getName())).toList();
        assertEquals(SERVICES.size(), deployments.size(), "one Deployment per service");

        for (Deployment deployment : deployments) {
            String name = deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), name + " pod must run as non-root");
            assertNotNull(pod.getTopologySpreadConstraints(), name);
            assertFalse(pod.getTopologySpreadConstraints().isEmpty(), name + " needs a topology spread");
            for (Container container : pod.getContainers()) {
                assertProbe(container.getStartupProbe(), "/q/health/started", name);
                assertProbe(container.getLivenessProbe(), "/q/health/live", name);
                assertProbe(container.getReadinessProbe(), "/q/health/ready", name);
                var resources = container.getResources();
                for (String kind : List.of("cpu", "memory")) {
                    assertNotNull(resources.getRequests().get(kind), name + " requests." + kind);
                    assertNotNull(resources.getLimits().get(kind), name + " limits." + kind);
                }
                var security = container.getSecurityContext();
                assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), name + " read-only root filesystem");
                assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), name + " privilege escalation");
                assertTrue(security.getCapabilities().getDrop().contains("ALL"), name + " must drop all capabilities");
                assertGracefulShutdownFits(manifests, pod, container, name);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyInternalPortIsClosedToAllButItsCallers(String overlay) throws Exception {
        RenderedManifests manifests = render(overlay);
        List<NetworkPolicy> policies = manifests.ofType(NetworkPolicy.class);
        List<Map<String, String>> podLabels = new ArrayList<>();
        manifests.ofType(Deployment.class).forEach(d -> podLabels.add(d.getSpec().getTemplate().getMetadata().getLabels()));
        assertTrue(policies.stream().anyMatch(p -> p.getSpec().getPodSelector().getMatchLabels() == null
                        || p.getSpec().getPodSelector().getMatchLabels().isEmpty()),
                "a default-deny policy selecting every pod");

        for (Service service : manifests.ofType(Service.class)) {
            Map<String, String> selector = service.getSpec().getSelector();
            for (ServicePort port : service.getSpec().getPorts()) {
                if (!INTERNAL_PORT_NAMES.contains(port.getName())) {
                    continue;
                }
                List<NetworkPolicyIngressRule> rules = new ArrayList<>();
                for (NetworkPolicy policy : policies) {
                    if (selects(policy.getSpec().getPodSelector(), selector)) {
                        policy.getSpec().getIngress().stream()
                                .filter(rule -> rule.getPorts() != null && rule.getPorts().stream()
                                        .anyMatch(p -> p.getPort().getIntVal() != null
                                                && p.getPort().getIntVal().equals(port.getPort())))
                                .forEach(rules::add);
                    }
                }
                String what = service.getMetadata().getName() + ":" + port.getPort();
                assertFalse(rules.isEmpty(), "no NetworkPolicy admits callers to " + what);
                for (NetworkPolicyIngressRule rule : rules) {
                    assertNotNull(rule.getFrom(), what + " is open to everyone");
                    assertFalse(rule.getFrom().isEmpty(), what + " is open to everyone");
                    for (NetworkPolicyPeer peer : rule.getFrom()) {
                        assertNotNull(peer.getPodSelector(), what + " admits more than named pods");
                        assertTrue(podLabels.stream().anyMatch(labels -> selects(peer.getPodSelector(), labels)),
                                what + " admits a caller that is not deployed: " + peer.getPodSelector().getMatchLabels());
                        assertTrue(peer.getNamespaceSelector() == null && peer.getIpBlock() == null,
                                what + " admits traffic from outside the namespace");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void noSecretValueIsWrittenInPlainText(String overlay) throws Exception {
        RenderedManifests manifests = render(overlay);
        assertTrue(manifests.ofType(Secret.class).isEmpty(), "Secrets are created out of band, never rendered from the repository");
        for (ConfigMap config : manifests.ofType(ConfigMap.class)) {
            if (config.getData() == null) {
                continue;
            }
            config.getData().keySet().forEach(key -> assertFalse(SECRET_LIKE_NAME.matcher(key.toUpperCase()).matches(),
                    "secret-like key " + key + " in ConfigMap " + config.getMetadata().getName()));
        }
        for (Container container : workloadContainers(manifests)) {
            for (EnvVar env : Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of())) {
                if (SECRET_LIKE_NAME.matcher(env.getName()).matches() && !env.getName().endsWith("_PATH")) {
                    assertTrue(env.getValue() == null && env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null,
                            container.getName() + " sets " + env.getName() + " without a Secret");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everySecretReferenceHasATemplate(String overlay) throws Exception {
        RenderedManifests manifests = render(overlay);
        Path templates = LaunchedSuite.repositoryRoot().resolve(Path.of("deploy", "k8s", "secrets"));
        for (Container container : workloadContainers(manifests)) {
            for (EnvVar env : Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of())) {
                if (env.getValueFrom() == null || env.getValueFrom().getSecretKeyRef() == null) {
                    continue;
                }
                var ref = env.getValueFrom().getSecretKeyRef();
                Path template = templates.resolve(ref.getName() + ".yaml.example");
                assertTrue(Files.isRegularFile(template), container.getName() + " uses Secret " + ref.getName() + " without a template");
                assertTrue(Files.readAllLines(template).stream().anyMatch(line -> line.strip().startsWith(ref.getKey() + ":")),
                        "template of " + ref.getName() + " lacks the key " + ref.getKey() + " that " + container.getName() + " reads");
            }
        }
    }

    /**
     * Every invoice-service replica reads and writes the same S3-compatible bucket: no volume of
     * its own holds invoice files, its S3 credentials come only from the envoyx-s3 Secret, and the
     * local overlay's in-cluster store is reachable at the configured endpoint.
     */
    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void invoiceFilesLiveInTheSharedS3Store(String overlay) throws Exception {
        RenderedManifests manifests = render(overlay);
        Deployment invoice = manifests.ofType(Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("invoice-service")).findFirst().orElseThrow();
        PodSpec pod = invoice.getSpec().getTemplate().getSpec();
        assertTrue(Objects.requireNonNullElse(pod.getVolumes(), List.<Volume>of()).stream()
                        .allMatch(volume -> volume.getPersistentVolumeClaim() == null),
                "invoice-service keeps no files on a volume of its own");
        Map<String, String> config = manifests.ofType(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals("invoice-service-config")).findFirst().orElseThrow().getData();
        assertEquals("s3", config.get("ENVOYX_STORAGE_TYPE"));
        Map<String, EnvVar> env = new HashMap<>();
        pod.getContainers().get(0).getEnv().forEach(variable -> env.put(variable.getName(), variable));
        for (String credential : List.of("ENVOYX_S3_ACCESS_KEY_ID", "ENVOYX_S3_SECRET_ACCESS_KEY")) {
            assertFalse(config.containsKey(credential), credential + " in a ConfigMap");
            assertEquals("envoyx-s3", env.get(credential).getValueFrom().getSecretKeyRef().getName(), credential);
        }

        List<Deployment> stores = manifests.ofType(Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("s3")).toList();
        if (overlay.equals("local")) {
            assertEquals(1, stores.size(), "the local overlay runs its own S3-compatible store");
            Service service = manifests.ofType(Service.class).stream()
                    .filter(s -> s.getMetadata().getName().equals("s3")).findFirst().orElseThrow();
            assertEquals("http://s3:" + service.getSpec().getPorts().get(0).getPort(), config.get("ENVOYX_S3_ENDPOINT"));
            assertEquals("true", config.get("ENVOYX_S3_PATH_STYLE_ACCESS"));
        } else {
            assertTrue(stores.isEmpty(), "production uses an external S3 store");
            assertTrue(manifests.ofType(PersistentVolumeClaim.class).isEmpty(), "production keeps no volumes");
            assertEquals("envoyx-s3", env.get("ENVOYX_S3_BUCKET").getValueFrom().getSecretKeyRef().getName());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void selectorsAndLabelsAgree(String overlay) throws Exception {
        RenderedManifests manifests = render(overlay);
        List<Map<String, String>> podLabels = new ArrayList<>();
        List<String> workloads = new ArrayList<>();
        for (Deployment deployment : manifests.ofType(Deployment.class)) {
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertTrue(selects(deployment.getSpec().getSelector(), labels),
                    deployment.getMetadata().getName() + ": selector does not match its own pods");
            podLabels.add(labels);
            workloads.add(deployment.getMetadata().getName());
        }
        manifests.ofType(StatefulSet.class).forEach(s -> podLabels.add(s.getSpec().getTemplate().getMetadata().getLabels()));

        for (Service service : manifests.ofType(Service.class)) {
            Map<String, String> selector = service.getSpec().getSelector();
            assertTrue(podLabels.stream().anyMatch(labels -> labels.entrySet().containsAll(selector.entrySet())),
                    "Service " + service.getMetadata().getName() + " selects no pods");
        }
        for (PodDisruptionBudget budget : manifests.ofType(PodDisruptionBudget.class)) {
            assertTrue(podLabels.stream().anyMatch(labels -> selects(budget.getSpec().getSelector(), labels)),
                    "PDB " + budget.getMetadata().getName() + " selects no pods");
        }
        for (String service : SERVICES) {
            assertTrue(manifests.ofType(PodDisruptionBudget.class).stream()
                    .anyMatch(b -> b.getMetadata().getName().equals(service)), "no PDB for " + service);
        }
        for (HorizontalPodAutoscaler autoscaler : manifests.ofType(HorizontalPodAutoscaler.class)) {
            var target = autoscaler.getSpec().getScaleTargetRef();
            assertEquals("Deployment", target.getKind());
            assertTrue(workloads.contains(target.getName()), "HPA targets a missing Deployment " + target.getName());
        }
        assertTrue(manifests.ofType(HorizontalPodAutoscaler.class).stream()
                .anyMatch(h -> h.getSpec().getScaleTargetRef().getName().equals("invoice-service")), "invoice-service scales");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void ingressRoutesOnlyPublicPathsToPublicPorts(String overlay) throws Exception {
        RenderedManifests manifests = render(overlay);
        List<Ingress> ingresses = manifests.ofType(Ingress.class);
        assertFalse(ingresses.isEmpty());
        for (Ingress ingress : ingresses) {
            for (var rule : ingress.getSpec().getRules()) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    assertTrue(PUBLIC_PATH_PREFIXES.contains(path.getPath()), "non-public path routed: " + path.getPath());
                    var port = path.getBackend().getService().getPort();
                    assertEquals("http", port.getName(), path.getPath() + " must go to an HTTP port, never gRPC");
                    assertFalse(path.getPath().startsWith("/api/v1/admin") || path.getPath().startsWith("/q/"),
                            "operator or management path exposed: " + path.getPath());
                }
            }
        }
    }

    /**
     * Issue 15 item 13: the dashboard works behind the ingress. Every page and static file the
     * packaged auth-service's dashboard serves (read from its own classes and resources) is
     * routed, under Kubernetes' matching rules (Exact, or Prefix by path element; the longest
     * match wins), to auth-service's HTTP port.
     */
    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void ingressRoutesEveryDashboardPath(String overlay) throws Exception {
        List<String> routes = DashboardRoutes.of(LaunchedSuite.repositoryRoot().resolve(Path.of("auth-service", "target", "quarkus-app")));
        assertTrue(routes.contains("/signup") && routes.stream().anyMatch(r -> r.startsWith("/settings/"))
                && routes.stream().anyMatch(r -> r.startsWith("/assets/")), "the route list is read: " + routes);
        List<HTTPIngressPath> paths = new ArrayList<>();
        render(overlay).ofType(Ingress.class).forEach(i -> i.getSpec().getRules().forEach(r -> paths.addAll(r.getHttp().getPaths())));
        for (String route : routes) {
            HTTPIngressPath best = null;
            for (HTTPIngressPath path : paths) {
                if (matches(path, route) && (best == null || path.getPath().length() > best.getPath().length()
                        || (path.getPath().length() == best.getPath().length() && "Exact".equals(path.getPathType())))) {
                    best = path;
                }
            }
            assertNotNull(best, "the dashboard path " + route + " is not routed by the " + overlay + " ingress");
            assertEquals("auth-service", best.getBackend().getService().getName(), route);
            assertEquals("http", best.getBackend().getService().getPort().getName(), route);
        }
    }

    /**
     * Issue 16: auth-service can send account mail once deployed. Every ENVOYX_SMTP_* setting its
     * application.properties reads, and the dashboard URL that mailed links start with, is given to
     * its container; the server's address and login come from the envoyx-smtp Secret.
     */
    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void authServiceIsGivenEveryMailSetting(String overlay) throws Exception {
        String properties = Files.readString(LaunchedSuite.repositoryRoot()
                .resolve(Path.of("auth-service", "src", "main", "resources", "application.properties")));
        Set<String> wanted = new java.util.TreeSet<>();
        SMTP_SETTING.matcher(properties).results().forEach(m -> wanted.add(m.group(1)));
        assertTrue(wanted.containsAll(SMTP_FROM_SECRET) && wanted.contains("ENVOYX_SMTP_FROM"), "read from the properties: " + wanted);
        wanted.add("ENVOYX_DASHBOARD_URL");
        wanted.add("ENVOYX_EMAIL_VERIFICATION");
        RenderedManifests manifests = render(overlay);
        Map<String, EnvVar> env = effectiveEnvironment(manifests, "auth-service");
        for (String setting : wanted) {
            EnvVar variable = env.get(setting);
            assertNotNull(variable, overlay + ": auth-service is not given " + setting);
            if (SMTP_FROM_SECRET.contains(setting)) {
                assertTrue(variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null
                        && variable.getValueFrom().getSecretKeyRef().getName().equals("envoyx-smtp"), setting + " from the envoyx-smtp Secret");
            } else {
                assertFalse(variable.getValue() == null || variable.getValue().isBlank(), setting + " is empty");
            }
        }
        assertEquals("required", env.get("ENVOYX_EMAIL_VERIFICATION").getValue());
        assertTrue(env.get("ENVOYX_DASHBOARD_URL").getValue().matches("https?://[^/]+"), "dashboard URL without a path");
    }

    /**
     * Issue 15 item 7: wherever a service believes X-Forwarded-For, the overlay names the senders it
     * believes (the ingress controller's range), never everyone; without the list the services
     * refuse to start.
     */
    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void forwardedAddressesAreBelievedOnlyFromTheIngressRange(String overlay) throws Exception {
        RenderedManifests manifests = render(overlay);
        int trusting = 0;
        for (String service : SERVICES) {
            Map<String, EnvVar> env = effectiveEnvironment(manifests, service);
            EnvVar trust = env.get("ENVOYX_TRUST_PROXY");
            if (trust == null || !"true".equals(trust.getValue())) {
                continue;
            }
            trusting++;
            EnvVar proxies = env.get("ENVOYX_TRUSTED_PROXIES");
            assertNotNull(proxies, overlay + ": " + service + " trusts forwarding headers from every sender");
            for (String range : proxies.getValue().split(",")) {
                String trimmed = range.strip();
                assertTrue(ADDRESS_OR_CIDR.matcher(trimmed).matches(), service + ": not an address or CIDR: " + trimmed);
                assertFalse(trimmed.endsWith("/0"), service + " trusts the whole Internet: " + trimmed);
            }
        }
        assertEquals(2, trusting, "auth-service and invoice-service sit behind the ingress");
    }

    /** Issue 15 item 6: a key in a WebSocket URL's query string never reaches the ingress log. */
    @org.junit.jupiter.api.Test
    void theIngressAccessLogHasNoQueryStrings() throws Exception {
        RenderedManifests controller = RenderedManifests.render(LaunchedSuite.repositoryRoot()
                .resolve(Path.of("deploy", "k8s", "ingress-nginx")));
        var config = controller.ofType(io.fabric8.kubernetes.api.model.ConfigMap.class).stream()
                .filter(map -> map.getMetadata().getName().equals("ingress-nginx-controller")).findFirst().orElseThrow();
        assertEquals("ingress-nginx", config.getMetadata().getNamespace());
        String format = config.getData().get("log-format-upstream");
        assertNotNull(format, "the controller's default format logs $request, the whole URL");
        assertTrue(format.contains("$uri"), format);
        for (String withQuery : List.of("$request_uri", "$args", "$query_string", "$arg_")) {
            assertFalse(format.contains(withQuery), withQuery + " in " + format);
        }
        assertFalse(java.util.regex.Pattern.compile("\\$request(?![_a-z])").matcher(format).find(), "$request in " + format);
    }

    @org.junit.jupiter.api.Test
    void productionRunsInvoiceServiceOnThreeOrMoreReplicas() throws Exception {
        RenderedManifests manifests = render("production");
        Deployment invoice = manifests.ofType(Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("invoice-service")).findFirst().orElseThrow();
        assertTrue(invoice.getSpec().getReplicas() >= 3);
        HorizontalPodAutoscaler autoscaler = manifests.ofType(HorizontalPodAutoscaler.class).stream()
                .filter(h -> h.getSpec().getScaleTargetRef().getName().equals("invoice-service")).findFirst().orElseThrow();
        assertTrue(autoscaler.getSpec().getMinReplicas() >= 3);
        assertTrue(manifests.ofType(StatefulSet.class).isEmpty(), "production uses external PostgreSQL and Redis");
    }

    /**
     * Issue 15 item 11: the production overlay switches the internal transport to TLS in every
     * service, each service mounts its own certificate Secret where its TLS files are read from, that
     * Secret is issued (deploy/k8s/cert-manager) for every name callers use, the JWKS is fetched over
     * https from auth-service's HTTPS port, and the probes stay on the plain HTTP port. Every gRPC
     * client and server and every JWKS fetch of the services' configuration is one the switch turns
     * to TLS. The local overlay keeps the quick start's plaintext.
     */
    @org.junit.jupiter.api.Test
    void productionRunsEveryInternalCallOnTls() throws Exception {
        RenderedManifests manifests = render("production");
        Map<String, List<String>> issued = certificateNamesBySecret();
        Map<String, List<String>> namesByService = new HashMap<>();
        for (String service : SERVICES) {
            Properties properties = applicationProperties(service);
            assertEveryInternalCallSwitches(service, properties);
            Map<String, EnvVar> env = effectiveEnvironment(manifests, service);
            assertEquals("true", valueOf(env, "ENVOYX_INTERNAL_TLS"), service + " runs its internal calls in plaintext");

            Path ca = Path.of(fileSetting(env, properties, "ca", "ENVOYX_TLS_CA"));
            PodSpec pod = deployment(manifests, service).getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);
            VolumeMount mount = Objects.requireNonNullElse(container.getVolumeMounts(), List.<VolumeMount>of()).stream()
                    .filter(m -> Path.of(m.getMountPath()).equals(ca.getParent())).findFirst()
                    .orElseThrow(() -> new AssertionError(service + " mounts nothing at " + ca.getParent()));
            assertEquals(Boolean.TRUE, mount.getReadOnly(), service + " TLS mount");
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
            assertNotNull(volume.getSecret(), service + " reads its TLS files from a Secret");
            String secret = volume.getSecret().getSecretName();
            assertTrue(issued.containsKey(secret), service + " mounts " + secret + ", which no cert-manager Certificate issues");
            namesByService.put(service, issued.get(secret));
            for (String kind : List.of("cert", "key")) {
                if (properties.containsKey("internal-tls.true.certificate")) {
                    String file = fileSetting(env, properties, kind.equals("cert") ? "certificate" : "key",
                            kind.equals("cert") ? "ENVOYX_TLS_CERT" : "ENVOYX_TLS_KEY");
                    assertEquals(ca.getParent(), Path.of(file).getParent(), service + " reads its " + kind + " from the Secret");
                }
            }
            for (Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe())) {
                assertEquals("http", probe.getHttpGet().getPort().getStrVal(), service + " probes the plain HTTP port");
                assertTrue(probe.getHttpGet().getScheme() == null || probe.getHttpGet().getScheme().equals("HTTP"), service);
            }
        }
        for (String caller : List.of("invoice-service", "auth-service")) {
            String host = valueOf(effectiveEnvironment(manifests, caller), "ENVOYX_RATELIMIT_GRPC_HOST");
            assertTrue(namesByService.get("ratelimit-service").contains(host), caller + " calls " + host + ", not in ratelimit's certificate");
        }
        String authHost = valueOf(effectiveEnvironment(manifests, "invoice-service"), "ENVOYX_AUTH_GRPC_HOST");
        assertTrue(namesByService.get("auth-service").contains(authHost), authHost + " is not in auth-service's certificate");

        ServicePort jwksPort = manifests.ofType(Service.class).stream().filter(svc -> svc.getMetadata().getName().equals("auth-service"))
                .flatMap(svc -> svc.getSpec().getPorts().stream()).filter(port -> "jwks".equals(port.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("auth-service has no jwks Service port"));
        int httpsPort = Integer.parseInt(applicationProperties("auth-service").getProperty("quarkus.http.ssl-port")
                .replaceAll("\\$\\{ENVOYX_AUTH_HTTPS_PORT:(\\d+)}", "$1"));
        assertTrue(deployment(manifests, "auth-service").getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                .anyMatch(port -> "jwks".equals(port.getName()) && port.getContainerPort() == httpsPort), "auth-service's HTTPS port is exposed");
        for (String verifier : List.of("invoice-service", "ratelimit-service")) {
            URI jwks = URI.create(valueOf(effectiveEnvironment(manifests, verifier), "ENVOYX_AUTH_JWKS_URL"));
            assertEquals("https", jwks.getScheme(), verifier + " fetches the JWKS in plaintext");
            assertEquals(jwksPort.getPort(), jwks.getPort(), verifier + " JWKS port");
            assertTrue(namesByService.get("auth-service").contains(jwks.getHost()), jwks.getHost() + " is not in auth-service's certificate");
        }

        RenderedManifests local = render("local");
        for (String service : SERVICES) {
            EnvVar tls = effectiveEnvironment(local, service).get("ENVOYX_INTERNAL_TLS");
            assertTrue(tls == null || !"true".equals(tls.getValue()), "the local overlay keeps the quick start's plaintext");
        }
    }

    /** Every gRPC client, gRPC server and JWKS fetch the service configures is one ENVOYX_INTERNAL_TLS turns to TLS. */
    private static void assertEveryInternalCallSwitches(String service, Properties properties) {
        String switched = "${internal-tls.${ENVOYX_INTERNAL_TLS:false}.";
        int calls = 0;
        for (String name : properties.stringPropertyNames()) {
            String client = name.startsWith("quarkus.grpc.clients.") && name.endsWith(".host")
                    ? name.substring(0, name.length() - ".host".length()) : null;
            if (client != null) {
                calls++;
                for (String setting : List.of(".plain-text", ".tls.enabled", ".tls.trust-certificate-pem.certs")) {
                    assertTrue(properties.getProperty(client + setting, "").startsWith(switched), service + ": " + client + setting);
                }
                assertEquals("true", properties.getProperty(client + ".use-quarkus-grpc-client"),
                        service + ": " + client + " must be the client whose TLS settings apply");
            }
        }
        if (properties.containsKey("quarkus.grpc.server.port")) {
            calls++;
            assertTrue(properties.getProperty("quarkus.grpc.server.ssl.certificate", "").startsWith(switched), service + ": gRPC server");
            assertTrue(properties.getProperty("quarkus.grpc.server.ssl.key", "").startsWith(switched), service + ": gRPC server");
        }
        if (properties.containsKey("mp.jwt.verify.publickey.location")) {
            calls++;
            assertTrue(properties.getProperty("smallrye.jwt.client.tls.certificate.path", "").startsWith(switched),
                    service + ": the JWKS fetch trusts no internal CA");
        }
        if (service.equals("auth-service")) {
            calls++;
            assertTrue(properties.getProperty("quarkus.http.ssl.certificate.files", "").startsWith(switched), "auth-service serves no HTTPS JWKS");
        }
        assertTrue(calls >= 2, service + " has internal calls: " + calls);
    }

    private static Properties applicationProperties(String service) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(LaunchedSuite.repositoryRoot()
                .resolve(Path.of(service, "src", "main", "resources", "application.properties")))) {
            properties.load(in);
        }
        return properties;
    }

    /** A TLS file's path as the service resolves it: the container's variable, else the default in application.properties. */
    private static String fileSetting(Map<String, EnvVar> env, Properties properties, String entry, String variable) {
        EnvVar set = env.get(variable);
        if (set != null) {
            return set.getValue();
        }
        String expression = properties.getProperty("internal-tls.true." + entry);
        assertNotNull(expression, "no internal-tls.true." + entry);
        return expression.replaceAll("\\$\\{" + variable + ":([^}]+)}", "$1");
    }

    /** deploy/k8s/cert-manager's Certificates: the Secret each fills, with the DNS names it is valid for. */
    private static Map<String, List<String>> certificateNamesBySecret() throws IOException {
        Map<String, List<String>> names = new HashMap<>();
        Path file = LaunchedSuite.repositoryRoot().resolve(Path.of("deploy", "k8s", "cert-manager", "certificates.yaml"));
        try (MappingIterator<JsonNode> documents = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).readValues(file.toFile())) {
            while (documents.hasNext()) {
                JsonNode certificate = documents.next();
                assertEquals("Certificate", certificate.path("kind").asText());
                assertEquals("envoyx-internal-ca", certificate.path("spec").path("issuerRef").path("name").asText());
                List<String> dnsNames = new ArrayList<>();
                certificate.path("spec").path("dnsNames").forEach(name -> dnsNames.add(name.asText()));
                names.put(certificate.path("spec").path("secretName").asText(), dnsNames);
            }
        }
        return names;
    }

    private static Deployment deployment(RenderedManifests manifests, String service) {
        return manifests.ofType(Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals(service)).findFirst().orElseThrow();
    }

    private static String valueOf(Map<String, EnvVar> env, String name) {
        EnvVar variable = env.get(name);
        return variable == null ? null : variable.getValue();
    }

    private static RenderedManifests render(String overlay) throws IOException, InterruptedException {
        return RenderedManifests.render(LaunchedSuite.repositoryRoot().resolve(Path.of("deploy", "k8s", "overlays", overlay)));
    }

    private static List<Container> workloadContainers(RenderedManifests manifests) {
        List<Container> containers = new ArrayList<>();
        manifests.ofType(Deployment.class).forEach(d -> containers.addAll(d.getSpec().getTemplate().getSpec().getContainers()));
        manifests.ofType(StatefulSet.class).forEach(s -> containers.addAll(s.getSpec().getTemplate().getSpec().getContainers()));
        return containers;
    }

    /** A service container's environment as Kubernetes builds it: its ConfigMaps (envFrom), then env, which wins. */
    private static Map<String, EnvVar> effectiveEnvironment(RenderedManifests manifests, String service) {
        Container container = manifests.ofType(Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals(service)).findFirst().orElseThrow()
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, EnvVar> env = new HashMap<>();
        for (var source : Objects.requireNonNullElse(container.getEnvFrom(), List.<io.fabric8.kubernetes.api.model.EnvFromSource>of())) {
            if (source.getConfigMapRef() == null) {
                continue;
            }
            manifests.ofType(ConfigMap.class).stream()
                    .filter(c -> c.getMetadata().getName().equals(source.getConfigMapRef().getName()))
                    .findFirst().orElseThrow(() -> new AssertionError(service + " reads a missing ConfigMap " + source.getConfigMapRef().getName()))
                    .getData().forEach((name, value) -> env.put(name, new EnvVar(name, value, null)));
        }
        Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of()).forEach(variable -> env.put(variable.getName(), variable));
        return env;
    }

    /** Kubernetes' Ingress path matching: Exact is equality, Prefix matches whole path elements. */
    private static boolean matches(HTTPIngressPath path, String request) {
        String rule = path.getPath();
        if ("Exact".equals(path.getPathType())) {
            return rule.equals(request);
        }
        if (rule.equals("/")) {
            return true;
        }
        String prefix = rule.endsWith("/") ? rule.substring(0, rule.length() - 1) : rule;
        return request.equals(prefix) || request.startsWith(prefix + "/");
    }

    private static void assertProbe(Probe probe, String path, String service) {
        assertNotNull(probe, service + " lacks the probe on " + path);
        assertNotNull(probe.getHttpGet(), service + " probe " + path + " must be an HTTP GET");
        assertEquals(path, probe.getHttpGet().getPath(), service);
    }

    /**
     * Kubernetes sends SIGTERM after preStop; Quarkus then drains for quarkus.shutdown.timeout.
     * Both must fit in the grace period, or a rolling update cuts requests off.
     */
    private static void assertGracefulShutdownFits(RenderedManifests manifests, PodSpec pod, Container container, String name) {
        long preStopSeconds = 0;
        if (container.getLifecycle() != null && container.getLifecycle().getPreStop() != null
                && container.getLifecycle().getPreStop().getExec() != null) {
            List<String> command = container.getLifecycle().getPreStop().getExec().getCommand();
            if (command.size() == 2 && command.get(0).equals("sleep")) {
                preStopSeconds = Long.parseLong(command.get(1));
            }
        }
        assertTrue(preStopSeconds > 0, name + " needs a preStop pause so endpoints drop the pod before it stops");
        String timeout = manifests.ofType(ConfigMap.class).stream()
                .filter(c -> c.getData() != null && c.getData().containsKey("ENVOYX_SHUTDOWN_TIMEOUT"))
                .map(c -> c.getData().get("ENVOYX_SHUTDOWN_TIMEOUT")).findFirst()
                .orElseThrow(() -> new AssertionError("ENVOYX_SHUTDOWN_TIMEOUT is not configured"));
        long shutdownSeconds = Duration.parse("PT" + timeout.toUpperCase()).toSeconds();
        assertTrue(pod.getTerminationGracePeriodSeconds() > preStopSeconds + shutdownSeconds,
                name + ": grace " + pod.getTerminationGracePeriodSeconds() + " s <= preStop " + preStopSeconds
                        + " s + shutdown " + shutdownSeconds + " s");
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null || labels == null) {
            return false;
        }
        Map<String, String> wanted = Objects.requireNonNullElse(selector.getMatchLabels(), Map.of());
        return labels.entrySet().containsAll(wanted.entrySet())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
    }
}
