package dev.rustbin.rust;

/**
 * Where one v0 identifier lies in the symbol: an ASCII part and, for {@code u}-prefixed
 * identifiers, a Punycode part that encodes the non-ASCII characters to insert into it.
 */
record V0Identifier(int asciiStart, int asciiLength, int punycodeStart, int punycodeLength) {

    boolean isPunycode() {
        return punycodeLength > 0;
    }

    boolean isEmpty() {
        return asciiLength == 0 && punycodeLength == 0;
    }
}
