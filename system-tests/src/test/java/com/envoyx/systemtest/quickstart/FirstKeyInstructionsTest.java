package com.envoyx.systemtest.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.envoyx.systemtest.support.LaunchedSuite;
import com.envoyx.systemtest.support.SamplePdf;
import com.envoyx.systemtest.support.SharedSuite;
import com.envoyx.systemtest.support.SuiteClient;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The "Get a first API key" instructions that up.sh prints work when pasted into a shell, with the
 * address verified in between through the link of the mail the launcher's local mail server got.
 */
class FirstKeyInstructionsTest {

    @TempDir
    Path workDirectory;

    @Test
    void printedInstructionsSignUpLogInCreateAKeyAndUpload() throws Exception {
        LaunchedSuite suite = SharedSuite.get();
        List<String> commands = instructions(suite.allOutput());
        Files.write(workDirectory.resolve("invoice.pdf"), SamplePdf.invoice("quick start"));
        // The instructions use a sample address; a fresh one keeps reruns independent.
        String email = "quickstart-" + UUID.randomUUID() + "@example.com";

        String register = commands.get(0).replace("you@example.com", email);
        String login = commands.get(1).replace("you@example.com", email);
        String createKey = commands.get(2);
        String upload = commands.get(4);
        assertTrue(commands.get(3).startsWith("export ENVOYX_API_KEY="), commands.get(3));

        // curl -s prints no final newline; the echoes keep each answer on a line of its own.
        assertEquals("REGISTRATION_RECEIVED", SuiteClient.json(shell(register + "\necho")).path("code").asText());
        assertTrue(awaitPrintedMail(suite, email), "the launcher prints the verification mail");
        new SuiteClient(suite).verifyThroughMail(email);
        JsonNode created = SuiteClient.json(shell(login + "\n" + createKey + "\necho"));
        assertEquals("API_KEY_CREATED", created.path("code").asText(), created.toString());
        String key = created.path("data").path("key").asText();

        JsonNode uploaded = SuiteClient.json(shell("export ENVOYX_API_KEY='" + key + "'\n" + upload + "\necho"));
        assertEquals("INVOICE_UPLOADED", uploaded.path("code").asText(), uploaded.toString());
    }

    /** Whether the launcher's console shows the mail within 20 s (it polls its mail server twice a second). */
    private static boolean awaitPrintedMail(LaunchedSuite suite, String email) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (suite.contains("envoyx: mail to [" + email + "]: Verify your email address")) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** Each instruction, its continuation lines joined, in the order printed; comment lines (steps for a person) left out. */
    private static List<String> instructions(String output) {
        String block = output.substring(output.indexOf("Get a first API key:"), output.indexOf("Press Ctrl-C"));
        List<String> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : block.lines().skip(1).map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            current.append(line.endsWith("\\") ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!line.endsWith("\\")) {
                commands.add(current.toString().trim());
                current.setLength(0);
            }
        }
        return commands;
    }

    /** Runs the commands in bash and returns what the last one printed. */
    private String shell(String script) throws Exception {
        Path errors = workDirectory.resolve("stderr.txt");
        Process bash = new ProcessBuilder("bash", "-c", "set -e\n" + script).directory(workDirectory.toFile())
                .redirectError(errors.toFile()).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, bash.exitValue(), output + Files.readString(errors));
        List<String> lines = output.lines().filter(l -> l.startsWith("{")).toList();
        assertTrue(!lines.isEmpty(), output);
        return lines.get(lines.size() - 1);
    }
}
