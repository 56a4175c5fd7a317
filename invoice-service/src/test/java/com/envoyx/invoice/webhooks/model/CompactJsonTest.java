package com.envoyx.invoice.webhooks.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class CompactJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void compactWithoutEscapedSlashesOrNonAscii() throws IOException {
        String written = CompactJson.write(JSON.readTree(
                "{ \"url\" : \"https://a.example/b\", \"name\": \"Fa\u00e7ture \u20ac \ud83d\udcc4\", \"n\": 12, \"ok\": true, \"x\": null, \"l\": [1, \"a\"] }"));
        assertEquals("{\"url\":\"https://a.example/b\",\"name\":\"Fa\u00e7ture \u20ac \ud83d\udcc4\",\"n\":12,\"ok\":true,"
                + "\"x\":null,\"l\":[1,\"a\"]}", written);
    }

    @Test
    void controlCharactersAndLoneSurrogatesAreEscapedAsJavaScriptDoes() {
        ObjectNode node = JSON.createObjectNode().put("s", "a\"b\\c\n\r\t\b\f\u0001\u001f\u007f\u2028\ud800x");
        assertEquals("{\"s\":\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\u007f\u2028\\ud800x\"}", CompactJson.write(node));
    }

    @Test
    void arrayIndexKeysComeFirstInAscendingOrderAsInJavaScript() {
        ObjectNode node = JSON.createObjectNode().put("b", 1).put("10", 2).put("a", 3).put("2", 4).put("01", 5)
                .put("4294967295", 6);
        assertEquals("{\"2\":4,\"10\":2,\"b\":1,\"a\":3,\"01\":5,\"4294967295\":6}", CompactJson.write(node));
    }

    @Test
    void numbersThatWouldPrintDifferentlyAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CompactJson.write(JSON.createObjectNode().put("f", 0.1 + 0.2)));
        assertThrows(IllegalArgumentException.class, () -> CompactJson.write(JSON.createObjectNode().put("f", 1e-7)));
        assertThrows(IllegalArgumentException.class, () -> CompactJson.write(JSON.createObjectNode().put("f", 1e21)));
        assertEquals("{\"c\":0.95,\"z\":0,\"o\":1,\"n\":-1.5}", CompactJson.write(JSON.createObjectNode()
                .put("c", 0.95).put("z", 0.0).put("o", 1.0).put("n", -1.5)));
        assertThrows(IllegalArgumentException.class,
                () -> CompactJson.write(JSON.createObjectNode().put("big", 9_007_199_254_740_993L)));
        assertEquals("{\"max\":9007199254740991}",
                CompactJson.write(JSON.createObjectNode().put("max", 9_007_199_254_740_991L)));
    }

    /** Random strings through node itself: JSON.stringify(JSON.parse(body)) gives back the same bytes. */
    @Test
    void nodeRoundTripsRandomBodiesByteForByte() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/node")) || Files.isExecutable(Path.of("/usr/local/bin/node")),
                "node is not installed");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            ObjectNode node = JSON.createObjectNode();
            node.put("id", "evt_" + i).put(Integer.toString(random.nextInt(50)), randomString(random))
                    .put("k" + randomString(random), random.nextInt());
            node.putObject("data").put("file_name", randomString(random)).put("file_size", random.nextLong() >>> 12)
                    .put("confidence", random.nextInt(101) / 100.0).put("amount", random.nextInt(1_000_000) / 1000.0);
            lines.append(CompactJson.write(node)).append('\n');
        }
        Path input = Files.createTempFile("compact-json", ".jsonl");
        Files.writeString(input, lines, StandardCharsets.UTF_8);
        Process node = new ProcessBuilder("node", "-e", """
                const lines = require('fs').readFileSync(process.argv[1], 'utf8').split('\\n').filter(l => l.length);
                let bad = 0;
                for (const line of lines) { if (JSON.stringify(JSON.parse(line)) !== line) { bad++; console.log(line); } }
                console.log('different: ' + bad);""", input.toString()).redirectErrorStream(true).start();
        assertTrue(node.waitFor(30, TimeUnit.SECONDS));
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Files.delete(input);
        assertEquals("different: 0\n", output, "seed " + seed);
    }

    private static String randomString(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(6);
            text.append(switch (pick) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> (char) (0x20 + random.nextInt(0x60));
                case 2 -> (char) (0xa0 + random.nextInt(0x2000));
                case 3 -> (char) (0xd800 + random.nextInt(0x800));
                case 4 -> "/\\\"";
                default -> new String(Character.toChars(0x1f300 + random.nextInt(0x300)));
            });
        }
        return text.toString();
    }
}
