package dev.rustbin.rust;

/**
 * Decodes the Punycode (RFC 3492) of a v0 {@code u} identifier, as c++filt does: arithmetic
 * wraps like its 64-bit unsigned integers, and a Punycode part that ends in the middle of a
 * number makes the whole identifier print as nothing rather than fail. Where c++filt would emit
 * something that is not a Unicode scalar value (a surrogate or a value past U+10FFFF, which only
 * corrupt symbols produce) the symbol fails here instead, since a Java string cannot hold it.
 */
final class Punycode {
    private static final int BASE = 36;
    private static final int T_MIN = 1;
    private static final int T_MAX = 26;
    private static final int SKEW = 38;
    private static final int INITIAL_BIAS = 72;
    private static final int INITIAL_DAMP = 700;
    private static final int INITIAL_CHAR = 0x80;

    private Punycode() {
    }

    static void decode(String symbol, V0Identifier ident, BoundedOutput out) {
        // Every inserted character consumes at least one Punycode digit.
        int[] codePoints = new int[ident.asciiLength() + ident.punycodeLength()];
        int length = 0;
        for (; length < ident.asciiLength(); length++) {
            codePoints[length] = symbol.charAt(ident.asciiStart() + length);
        }
        long bias = INITIAL_BIAS;
        long damp = INITIAL_DAMP;
        long insertAt = 0;
        long character = INITIAL_CHAR;
        int read = 0;
        int available = ident.punycodeLength();
        while (read < available) {
            long delta = 0;
            long weight = 1;
            long k = 0;
            long digit;
            long threshold;
            do {
                k += BASE;
                threshold = Long.compareUnsigned(k, bias) < 0 ? 0 : k - bias;
                threshold = Math.max(T_MIN, Math.min(T_MAX, threshold));
                if (read >= available) {
                    return;
                }
                char c = symbol.charAt(ident.punycodeStart() + read++);
                if (Ascii.isLower(c)) {
                    digit = c - 'a';
                } else if (Ascii.isDigit(c)) {
                    digit = 26 + (c - '0');
                } else {
                    throw MalformedSymbolException.INSTANCE;
                }
                delta += digit * weight;
                weight *= BASE - threshold;
            } while (digit >= threshold);

            length++;
            insertAt += delta;
            character += Long.divideUnsigned(insertAt, length);
            insertAt = Long.remainderUnsigned(insertAt, length);
            if (Long.compareUnsigned(character, Character.MAX_CODE_POINT) > 0
                    || (character >= Character.MIN_SURROGATE && character <= Character.MAX_SURROGATE)) {
                throw MalformedSymbolException.INSTANCE;
            }
            int at = (int) insertAt;
            System.arraycopy(codePoints, at, codePoints, at + 1, length - 1 - at);
            codePoints[at] = (int) character;
            insertAt++;
            if (read == available) {
                break;
            }

            delta = Long.divideUnsigned(delta, damp);
            damp = 2;
            delta += Long.divideUnsigned(delta, length);
            k = 0;
            while (Long.compareUnsigned(delta, ((BASE - T_MIN) * T_MAX) / 2) > 0) {
                delta = Long.divideUnsigned(delta, BASE - T_MIN);
                k += BASE;
            }
            bias = k + Long.divideUnsigned((BASE - T_MIN + 1) * delta, delta + SKEW);
        }
        for (int i = 0; i < length; i++) {
            out.appendCodePoint(codePoints[i]);
        }
    }
}
