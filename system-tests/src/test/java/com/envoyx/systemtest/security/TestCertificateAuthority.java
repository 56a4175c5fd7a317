package com.envoyx.systemtest.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority made for one test run, and server certificates it signs, written as the
 * PEM files a cert-manager Secret holds ({@code ca.crt}, {@code tls.crt}, {@code tls.key}). Made with
 * the JDK's own {@code keytool} (no library to add); the private key leaves its PKCS#12 store as
 * PKCS#8 PEM, which both the gRPC server and the TLS registry read.
 */
final class TestCertificateAuthority {

    private static final String PASSWORD = "test-store-password";

    private final Path directory;
    private final Path store;

    private TestCertificateAuthority(Path directory, Path store) {
        this.directory = directory;
        this.store = store;
    }

    /** A new CA (RSA 2048, valid two days) in a directory of its own, its certificate in {@code ca.crt}. */
    static TestCertificateAuthority create(Path parent, String name) throws IOException, InterruptedException {
        Path directory = Files.createDirectories(parent.resolve(name));
        Path store = directory.resolve("ca.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + name, "-ext", "bc:c", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", store.toString(), "-storepass", PASSWORD,
                "-file", directory.resolve("ca.crt").toString());
        return new TestCertificateAuthority(directory, store);
    }

    Path caCertificate() {
        return directory.resolve("ca.crt");
    }

    /**
     * A server certificate for {@code subjectAlternativeNames} (keytool syntax, e.g.
     * {@code ip:127.0.0.1,dns:localhost}) signed by this CA: {@code <name>/tls.crt} and {@code tls.key}.
     */
    ServerCertificate issue(String name, String subjectAlternativeNames) throws IOException, InterruptedException {
        Path out = Files.createDirectories(directory.resolve(name));
        Path serverStore = out.resolve("server.p12");
        Path request = out.resolve("server.csr");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + name, "-keystore", serverStore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD);
        keytool("-certreq", "-alias", "server", "-keystore", serverStore.toString(), "-storepass", PASSWORD,
                "-file", request.toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", store.toString(), "-storepass", PASSWORD,
                "-infile", request.toString(), "-outfile", out.resolve("tls.crt").toString(), "-validity", "2",
                "-ext", "SAN=" + subjectAlternativeNames, "-ext", "KU=digitalSignature,keyEncipherment",
                "-ext", "EKU=serverAuth");
        Files.writeString(out.resolve("tls.key"), privateKeyPem(serverStore), StandardCharsets.US_ASCII);
        return new ServerCertificate(out.resolve("tls.crt"), out.resolve("tls.key"));
    }

    record ServerCertificate(Path certificate, Path key) {
    }

    private static String privateKeyPem(Path serverStore) throws IOException {
        try (InputStream in = Files.newInputStream(serverStore)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, PASSWORD.toCharArray());
            PrivateKey key = (PrivateKey) keys.getKey("server", PASSWORD.toCharArray());
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the generated key from " + serverStore, e);
        }
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.add("-noprompt");
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool " + String.join(" ", arguments) + " failed: " + output);
        }
    }
}
