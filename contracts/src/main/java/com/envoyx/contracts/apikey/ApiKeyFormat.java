package com.envoyx.contracts.apikey;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The API key format: {@code envx_<env>_<random><checksum>}.
 *
 * <ul>
 *   <li>{@code env}: {@link ApiKeyEnvironment#keyTag()}, so scanners and people can tell what leaked.</li>
 *   <li>{@code random}: {@value #RANDOM_LENGTH} base62 digits from {@link SecureRandom}
 *       (about 190 bits, above the 160 required).</li>
 *   <li>{@code checksum}: CRC32 of everything before it, as {@value #CHECKSUM_LENGTH} base62 digits.
 *       CRC32 catches every single-character change, so typos and garbage are refused
 *       before any lookup.</li>
 * </ul>
 */
public final class ApiKeyFormat {

    public static final String PREFIX = "envx_";
    public static final int RANDOM_LENGTH = 32;
    public static final int CHECKSUM_LENGTH = 6;
    /** Longer than any valid key; anything beyond is refused without further reading. */
    public static final int MAX_LENGTH = PREFIX.length() + 4 + 1 + RANDOM_LENGTH + CHECKSUM_LENGTH;

    private static final int HINT_SUFFIX_LENGTH = 4;
    private static final long CRC32_LIMIT = 1L << 32;

    private ApiKeyFormat() {
    }

    /** A fresh key for the environment. */
    public static String generate(ApiKeyEnvironment environment, SecureRandom random) {
        StringBuilder key = new StringBuilder(MAX_LENGTH)
                .append(PREFIX).append(environment.keyTag()).append('_');
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            key.append(Base62.ALPHABET.charAt(random.nextInt(Base62.RADIX)));
        }
        return key.append(Base62.encodeFixed(checksum(key), CHECKSUM_LENGTH)).toString();
    }

    /**
     * Parses without throwing: empty when the string is not a well-formed key with a valid
     * checksum. Runs in time bounded by {@link #MAX_LENGTH} whatever the input's length.
     */
    public static Optional<ParsedApiKey> parse(String candidate) {
        if (candidate == null || candidate.length() > MAX_LENGTH || !candidate.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int envEnd = candidate.indexOf('_', PREFIX.length());
        if (envEnd < 0) {
            return Optional.empty();
        }
        Optional<ApiKeyEnvironment> environment =
                ApiKeyEnvironment.fromKeyTag(candidate.subSequence(PREFIX.length(), envEnd));
        int bodyStart = envEnd + 1;
        if (environment.isEmpty() || candidate.length() - bodyStart != RANDOM_LENGTH + CHECKSUM_LENGTH) {
            return Optional.empty();
        }
        for (int i = bodyStart; i < candidate.length(); i++) {
            if (!Base62.isDigit(candidate.charAt(i))) {
                return Optional.empty();
            }
        }
        int checksumStart = candidate.length() - CHECKSUM_LENGTH;
        long declared = Base62.decode(candidate.subSequence(checksumStart, candidate.length()));
        if (declared >= CRC32_LIMIT || declared != checksum(candidate.subSequence(0, checksumStart))) {
            return Optional.empty();
        }
        return Optional.of(new ParsedApiKey(candidate, environment.get()));
    }

    /** Display hint of a well-formed key: prefix and environment, an ellipsis, the last four characters. */
    public static String hint(String key) {
        int envEnd = key.indexOf('_', PREFIX.length());
        return key.substring(0, envEnd + 1) + "\u2026" + key.substring(key.length() - HINT_SUFFIX_LENGTH);
    }

    private static long checksum(CharSequence text) {
        CRC32 crc = new CRC32();
        crc.update(text.toString().getBytes(StandardCharsets.US_ASCII));
        return crc.getValue();
    }
}
