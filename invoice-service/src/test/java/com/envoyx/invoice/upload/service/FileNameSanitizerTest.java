package com.envoyx.invoice.upload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import com.envoyx.invoice.upload.config.UploadConfig;

import io.quarkus.runtime.configuration.MemorySize;

class FileNameSanitizerTest {

    private final FileNameSanitizer sanitizer = new FileNameSanitizer(new UploadConfig() {
        @Override
        public long maxFileSize() {
            return 10;
        }

        @Override
        public MemorySize maxBodySize() {
            return new MemorySize(java.math.BigInteger.valueOf(20));
        }

        @Override
        public int maxInFlightPerKey() {
            return 4;
        }

        @Override
        public int maxFileNameLength() {
            return 255;
        }
    });

    @Test
    void keepsOnlyTheLastPathSegment() {
        assertEquals("passwd.pdf", sanitizer.sanitize("../../etc/passwd.pdf"));
        assertEquals("evil.pdf", sanitizer.sanitize("C:\\Windows\\..\\evil.pdf"));
        assertEquals("hidden.pdf", sanitizer.sanitize("..hidden.pdf"));
    }

    @Test
    void dropsControlAndBidiCharacters() {
        assertEquals("invoicefdp.exe", sanitizer.sanitize("invoice\u202Efdp.exe"));
        assertEquals("ab.pdf", sanitizer.sanitize("a\u0000b.pdf"));
        assertEquals("ab.pdf", sanitizer.sanitize("a\u200F\u2066\u061Cb.pdf"));
        assertEquals("line.pdf", sanitizer.sanitize("li\r\nne.pdf"));
    }

    @Test
    void fallsBackWhenNothingIsLeft() {
        assertEquals(FileNameSanitizer.FALLBACK, sanitizer.sanitize(null));
        assertEquals(FileNameSanitizer.FALLBACK, sanitizer.sanitize(""));
        assertEquals(FileNameSanitizer.FALLBACK, sanitizer.sanitize("../"));
        assertEquals(FileNameSanitizer.FALLBACK, sanitizer.sanitize("\u0000\u202E"));
    }

    @Test
    void capsLongNamesWithoutSplittingCharacters() {
        assertEquals(255, sanitizer.sanitize("a".repeat(500) + ".pdf").length());
        String emoji = "\uD83D\uDCC4".repeat(300);
        String capped = sanitizer.sanitize(emoji);
        assertEquals(255, capped.codePointCount(0, capped.length()));
        assertFalse(Character.isHighSurrogate(capped.charAt(capped.length() - 1)));
    }

    @Test
    void anyInputGivesASafeDisplayName() {
        Random random = new Random(5L);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder raw = new StringBuilder();
            int length = random.nextInt(600);
            for (int j = 0; j < length; j++) {
                raw.append((char) random.nextInt(0x3000));
            }
            String name = sanitizer.sanitize(raw.toString());
            assertFalse(name.isEmpty(), "seed iteration " + i);
            assertTrue(name.codePointCount(0, name.length()) <= 255, "seed iteration " + i);
            assertFalse(name.contains("/") || name.contains("\\"), "seed iteration " + i);
            assertTrue(name.codePoints().noneMatch(c -> Character.getType(c) == Character.CONTROL
                    || Character.getType(c) == Character.FORMAT), "seed iteration " + i);
            assertFalse(name.startsWith("."), "seed iteration " + i);
        }
    }
}
