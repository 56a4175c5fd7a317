package com.envoyx.infra.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.envoyx.infra.Directories;
import com.envoyx.infra.InfraSettings;
import com.envoyx.infra.Infrastructure;
import com.envoyx.infra.mail.LocalMailServer;
import com.envoyx.infra.mail.MailText;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Starts the whole suite in the foreground: infrastructure (found or embedded), then the three
 * services as child processes, waits until each is ready and prints where they are. Ctrl-C or
 * SIGTERM stops everything it started, embedded servers included.
 *
 * <p>The launcher's own environment is passed to every service, so any service setting can be
 * given as an environment variable; the infrastructure addresses it chose override
 * {@code ENVOYX_PG_*} and {@code ENVOYX_REDIS_*}.
 */
public final class SuiteLauncher {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(
            Long.parseLong(System.getenv().getOrDefault("ENVOYX_READY_TIMEOUT_SECONDS", "180")));
    private static final Duration STOP_GRACE = Duration.ofSeconds(40);

    private final PrintStream out;
    private final Path repositoryRoot;
    private final List<ServiceProcess> running = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Infrastructure infrastructure;
    private Path blobDirectory;
    private Path secretsFile;
    private LocalMailServer mailServer;
    private Thread mailPrinter;

    SuiteLauncher(PrintStream out, Path repositoryRoot) {
        this.out = out;
        this.repositoryRoot = repositoryRoot;
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(System.getenv().getOrDefault("ENVOYX_REPO_ROOT", ".")).toAbsolutePath().normalize();
        SuiteLauncher launcher = new SuiteLauncher(System.out, root);
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stopAll, "envoyx-launcher-stop"));
        try {
            launcher.startAll(System.getenv());
        } catch (RuntimeException e) {
            System.err.println("envoyx: " + e.getMessage());
            System.exit(1);
        }
        launcher.superviseUntilStopped();
    }

    void startAll(Map<String, String> baseEnvironment) throws InterruptedException {
        infrastructure = Infrastructure.provision(InfraSettings.from(baseEnvironment));
        out.println("envoyx: " + infrastructure.describe());
        Map<String, String> environment = new HashMap<>(baseEnvironment);
        environment.put("ENVOYX_PG_HOST", infrastructure.postgres().host());
        environment.put("ENVOYX_PG_PORT", Integer.toString(infrastructure.postgres().port()));
        environment.put("ENVOYX_PG_USER", infrastructure.postgres().user());
        environment.put("ENVOYX_PG_PASSWORD", infrastructure.postgres().password());
        environment.put("ENVOYX_REDIS_HOST", infrastructure.redis().host());
        environment.put("ENVOYX_REDIS_PORT", Integer.toString(infrastructure.redis().port()));
        blobDirectory = defaultBlobDirectory(environment);
        // Links in account mail lead to the dashboard wherever its port was moved to.
        environment.putIfAbsent("ENVOYX_DASHBOARD_URL", "http://localhost:" + ServiceSpec.named("auth").httpPort(environment));
        startLocalMailUnlessConfigured(environment);
        secretsFile = LocalSecrets.supply(environment, InfraSettings.from(environment).workDirectory(),
                ServiceSpec.named("auth").database(environment));
        out.println("envoyx: key pepper and operator token (unless given as ENVOYX_KEY_PEPPER / ENVOYX_ADMIN_TOKEN) kept in "
                + secretsFile);
        // A quick-start webhook receiver runs on this machine (http://127.0.0.1:...): a local run
        // allows private webhook targets, which production never does (invoice-service README, Webhooks).
        environment.putIfAbsent("ENVOYX_WEBHOOK_ALLOW_PRIVATE_TARGETS", "true");
        // The dashboard's Settings > Webhooks calls invoice-service wherever its HTTP port was moved to.
        environment.putIfAbsent("ENVOYX_INVOICE_URL", "http://127.0.0.1:" + ServiceSpec.named("invoice").httpPort(environment));
        // Verifiers find auth-service's keys wherever its HTTP port was moved to; with the internal
        // transport on TLS, on its HTTPS port (the certificate must name 127.0.0.1).
        environment.putIfAbsent("ENVOYX_AUTH_JWKS_URL", jwksUrl(environment));
        if ("true".equals(environment.get("ENVOYX_INTERNAL_TLS"))) {
            out.println("envoyx: internal calls on TLS: gRPC ports and JWKS at " + environment.get("ENVOYX_AUTH_JWKS_URL"));
        }
        List<String> jvmOptions = Arrays.asList(
                environment.getOrDefault("ENVOYX_JAVA_OPTS", "-Xmx384m -XX:+ExitOnOutOfMemoryError").trim().split("\\s+"));

        for (ServiceSpec spec : ServiceSpec.SUITE) {
            String database = spec.database(environment);
            if (database != null) {
                infrastructure.ensureDatabase(database);
            }
            ServiceProcess service = ServiceProcess.start(spec, repositoryRoot, environment, jvmOptions, out);
            synchronized (running) {
                running.add(service);
            }
        }
        for (ServiceProcess service : List.copyOf(running)) {
            service.awaitReady(READY_TIMEOUT);
            out.println("envoyx: " + service.spec().name() + " is ready at " + service.baseUrl());
        }
        printWelcome();
    }

    private static String jwksUrl(Map<String, String> environment) {
        String address = "true".equals(environment.get("ENVOYX_INTERNAL_TLS"))
                ? "https://127.0.0.1:" + environment.getOrDefault("ENVOYX_AUTH_HTTPS_PORT", "8443")
                : "http://127.0.0.1:" + ServiceSpec.named("auth").httpPort(environment);
        return address + "/.well-known/jwks.json";
    }

    /**
     * Without ENVOYX_SMTP_HOST there is no mail server to send to, yet sign-up needs its
     * verification mail: an embedded one (GreenMail) receives every mail, any inbox can be read
     * over IMAP with the address as user and password, and each mail's subject and link is printed
     * here, so the quick start works end to end on a laptop.
     */
    private void startLocalMailUnlessConfigured(Map<String, String> environment) {
        if (!environment.getOrDefault("ENVOYX_SMTP_HOST", "").isBlank()) {
            return;
        }
        int smtpPort = Integer.parseInt(environment.getOrDefault("ENVOYX_LOCAL_SMTP_PORT", "3025"));
        int imapPort = Integer.parseInt(environment.getOrDefault("ENVOYX_LOCAL_IMAP_PORT", "3143"));
        mailServer = LocalMailServer.start(smtpPort, imapPort);
        mailServer.serviceEnvironment().forEach((name, value) -> environment.put((String) name, (String) value));
        out.println("envoyx: no ENVOYX_SMTP_HOST; local mail server on SMTP " + mailServer.host() + ":" + smtpPort
                + ", IMAP " + mailServer.host() + ":" + imapPort + " (user and password: the address)");
        mailPrinter = new Thread(this::printMailUntilStopped, "envoyx-mail-printer");
        mailPrinter.setDaemon(true);
        mailPrinter.start();
    }

    private void printMailUntilStopped() {
        int printed = 0;
        while (stopped.getCount() > 0) {
            List<MimeMessage> received = mailServer.receivedMessages();
            for (; printed < received.size(); printed++) {
                out.println(describe(received.get(printed)));
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String describe(MimeMessage mail) {
        try {
            String link = MailText.firstLink(MailText.plainText(mail));
            return "envoyx: mail to " + Arrays.toString(mail.getAllRecipients()) + ": " + mail.getSubject()
                    + (link == null ? "" : System.lineSeparator() + "    " + link);
        } catch (MessagingException | IOException e) {
            return "envoyx: a mail arrived that could not be read: " + e.getMessage();
        }
    }

    /**
     * Invoice files next to the launcher's other data, one folder per invoice database, so two
     * suites on different databases never sweep each other's files. An explicit ENVOYX_BLOB_DIR wins.
     */
    private Path defaultBlobDirectory(Map<String, String> environment) {
        if (environment.containsKey("ENVOYX_BLOB_DIR")) {
            return null;
        }
        String invoiceDatabase = ServiceSpec.named("invoice").database(environment);
        Path directory = InfraSettings.from(environment).workDirectory().resolve("blobs").resolve(invoiceDatabase);
        environment.put("ENVOYX_BLOB_DIR", directory.toString());
        return directory;
    }

    private void printWelcome() {
        Map<String, ServiceProcess> byName = new HashMap<>();
        running.forEach(service -> byName.put(service.spec().name(), service));
        String auth = byName.get("auth").baseUrl();
        String invoice = byName.get("invoice").baseUrl();
        out.println();
        out.println("envoyx: all services are ready.");
        out.println("  Invoice API      " + invoice + "/api/v1");
        out.println("  Dashboard & keys " + auth + "/");
        out.println("  Rate limits      " + byName.get("ratelimit").baseUrl() + "/q/health");
        out.println("  OpenAPI          <service>/q/openapi, metrics <service>/q/metrics");
        out.println();
        out.println("Get a first API key:");
        out.println("  curl -s -X POST " + auth + "/api/v1/auth/register -H 'Content-Type: application/json' \\");
        out.println("       -d '{\"email\":\"you@example.com\",\"password\":\"a long passphrase\",\"name\":\"My Company\"}'");
        out.println("  # Verify the address: open the link of the mail sent to you@example.com"
                + (mailServer == null ? "." : " (printed here as it arrives)."));
        out.println("  TOKEN=$(curl -s -X POST " + auth + "/api/v1/auth/login -H 'Content-Type: application/json' \\");
        out.println("       -d '{\"email\":\"you@example.com\",\"password\":\"a long passphrase\"}' | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')");
        out.println("  curl -s -X POST " + auth + "/api/v1/api-keys -H \"Authorization: Bearer $TOKEN\" \\");
        out.println("       -H 'Content-Type: application/json' -d '{\"name\":\"Production Server\"}'");
        out.println("  export ENVOYX_API_KEY=<data.key from the answer: shown only once>");
        out.println("  curl -X POST " + invoice + "/api/v1/invoices/upload -H \"X-API-Key: $ENVOYX_API_KEY\" -F \"file=@invoice.pdf\"");
        out.println();
        out.println("Press Ctrl-C to stop everything.");
        out.println();
    }

    /** Blocks until a service dies on its own (then stops the rest) or the JVM is asked to stop. */
    void superviseUntilStopped() throws InterruptedException {
        while (stopped.getCount() > 0) {
            List<ServiceProcess> current;
            synchronized (running) {
                current = List.copyOf(running);
            }
            for (ServiceProcess service : current) {
                if (!service.isAlive() && stopped.getCount() > 0) {
                    out.println("envoyx: " + service.spec().name() + " stopped unexpectedly; stopping the suite");
                    stopAll();
                    System.exit(1);
                }
            }
            Thread.sleep(500);
        }
    }

    private static void deleteIfEmpty(Path directory) {
        try {
            Files.deleteIfExists(directory);
        } catch (DirectoryNotEmptyException e) {
            // Another invoice database's files live here too.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }

    synchronized void stopAll() {
        if (stopped.getCount() == 0) {
            return;
        }
        out.println("envoyx: stopping");
        List<ServiceProcess> toStop;
        synchronized (running) {
            toStop = new ArrayList<>(running);
        }
        Collections.reverse(toStop);
        for (ServiceProcess service : toStop) {
            try {
                service.stop(STOP_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (infrastructure != null) {
            // Files of an embedded database's invoices would outlive the rows they belong to.
            if (infrastructure.postgres().embedded() && blobDirectory != null) {
                Directories.deleteRecursively(blobDirectory);
                deleteIfEmpty(blobDirectory.getParent());
            }
            // A pepper outliving an embedded database would hash keys that no longer exist.
            if (infrastructure.postgres().embedded() && secretsFile != null) {
                try {
                    Files.deleteIfExists(secretsFile);
                    deleteIfEmpty(secretsFile.getParent());
                } catch (IOException | UncheckedIOException e) {
                    out.println("envoyx: cannot delete " + secretsFile + ": " + e.getMessage());
                }
            }
            infrastructure.close();
        }
        stopped.countDown();
        if (mailServer != null) {
            mailPrinter.interrupt();
            mailServer.close();
        }
        out.println("envoyx: stopped");
    }
}
