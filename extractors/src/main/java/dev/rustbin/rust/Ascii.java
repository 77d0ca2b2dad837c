package dev.rustbin.rust;

/** ASCII character classes of the manglings; locale-free and non-ASCII-free like c++filt's. */
final class Ascii {

    private Ascii() {
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isIdentifierChar(char c) {
        return c == '_' || isDigit(c) || isLower(c) || isUpper(c);
    }

    /** The value of a lower-case hex digit, or -1 (upper-case digits are not valid in either mangling). */
    static int lowerHexValue(char c) {
        if (isDigit(c)) {
            return c - '0';
        }
        return c >= 'a' && c <= 'f' ? 10 + (c - 'a') : -1;
    }
}
