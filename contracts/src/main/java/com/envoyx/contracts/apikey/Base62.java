package com.envoyx.contracts.apikey;

/** Base62 with the alphabet {@code 0-9A-Za-z}: URL-safe, and a double click selects it whole. */
final class Base62 {

    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    static final int RADIX = ALPHABET.length();

    private Base62() {
    }

    static boolean isDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    static int valueOf(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 36;
        }
        throw new IllegalArgumentException("not a base62 digit");
    }

    /** Encodes a non-negative value in exactly {@code width} digits, most significant first. */
    static String encodeFixed(long value, int width) {
        char[] digits = new char[width];
        long rest = value;
        for (int i = width - 1; i >= 0; i--) {
            digits[i] = ALPHABET.charAt((int) (rest % RADIX));
            rest /= RADIX;
        }
        if (rest != 0) {
            throw new IllegalArgumentException("value does not fit in " + width + " digits");
        }
        return new String(digits);
    }

    static long decode(CharSequence digits) {
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            value = value * RADIX + valueOf(digits.charAt(i));
        }
        return value;
    }
}
