package dev.rustbin.rust;

/**
 * Demangles legacy Rust symbols: {@code _ZN}, length-prefixed identifiers, a last identifier
 * {@code 17h<16 hex digits>} (the hash), {@code E}, then optionally a {@code .suffix} such as
 * {@code .llvm.1234}. Accepts what binutils 2.40 {@code c++filt} accepts as legacy Rust
 * (anything else it would read as C++) and prints what it prints, minus the hash and suffix it
 * also omits in non-verbose mode: only {@code [0-9A-Za-z_$.:@]}, every identifier non-empty, the
 * hash lower-case hex with at least 5 distinct digits (so that a C++ name that merely looks
 * alike is not taken for Rust).
 */
final class LegacyRustDemangler {
    private static final int HASH_ELEMENT_LENGTH = 19; // "17h" + 16 hex digits
    private static final int MIN_DISTINCT_HASH_DIGITS = 5;

    private LegacyRustDemangler() {
    }

    /** The path of the legacy symbol whose body starts at {@code bodyStart} (after {@code _ZN}), or null. */
    static String demangle(String symbol, int bodyStart) {
        for (int i = bodyStart; i < symbol.length(); i++) {
            if (!isSymbolChar(symbol.charAt(i))) {
                return null;
            }
        }
        int end = pathEnd(symbol, bodyStart);
        if (end < 0 || end - bodyStart <= HASH_ELEMENT_LENGTH
                || !symbol.startsWith("17h", end - HASH_ELEMENT_LENGTH)) {
            return null;
        }
        int hashStart = end - HASH_ELEMENT_LENGTH;
        StringBuilder path = new StringBuilder(end - bodyStart);
        int position = bodyStart;
        while (position < hashStart) {
            char first = symbol.charAt(position);
            if (!Ascii.isDigit(first) || first == '0') {
                return null; // no length, or a length of zero: c++filt rejects empty identifiers
            }
            int length = 0;
            int start = position;
            while (start < hashStart && Ascii.isDigit(symbol.charAt(start))) {
                length = length * 10 + (symbol.charAt(start++) - '0');
                if (length > hashStart - position) {
                    return null;
                }
            }
            if (length > hashStart - start) {
                return null;
            }
            if (position > bodyStart) {
                path.append("::");
            }
            LegacyIdentifier.appendUnescaped(symbol, start, start + length, path);
            position = start + length;
        }
        return isHashDigits(symbol, hashStart + 3) ? path.toString() : null;
    }

    /**
     * Index of the {@code E} that ends the path: the last character, or the last {@code E}
     * followed by a {@code .}, which starts the suffix. -1 if there is none.
     */
    private static int pathEnd(String symbol, int bodyStart) {
        int end = symbol.length();
        boolean afterDot = true;
        while (end > bodyStart && !(afterDot && symbol.charAt(end - 1) == 'E')) {
            afterDot = symbol.charAt(end - 1) == '.';
            end--;
        }
        return end > bodyStart ? end - 1 : -1;
    }

    /** 16 lower-case hex digits, at least 5 of them distinct. */
    private static boolean isHashDigits(String symbol, int start) {
        int seen = 0;
        for (int i = start; i < start + 16; i++) {
            int nibble = Ascii.lowerHexValue(symbol.charAt(i));
            if (nibble < 0) {
                return false;
            }
            seen |= 1 << nibble;
        }
        return Integer.bitCount(seen) >= MIN_DISTINCT_HASH_DIGITS;
    }

    private static boolean isSymbolChar(char c) {
        return Ascii.isIdentifierChar(c) || c == '$' || c == '.' || c == ':' || c == '@';
    }
}
