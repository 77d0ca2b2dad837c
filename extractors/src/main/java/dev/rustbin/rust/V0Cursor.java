package dev.rustbin.rust;

/**
 * Reading position in the body of a v0 symbol (what follows {@code _R}), with the lexical pieces
 * of RFC 2603: base-62 numbers, disambiguators, identifiers. Every read past the end or of an
 * unexpected character throws {@link MalformedSymbolException}.
 */
final class V0Cursor {
    final String symbol;
    /** Index of the first body character; backreferences are offsets from here. */
    private final int base;
    /** Exclusive end of the body: a {@code .} starts a vendor suffix, which is not demangled. */
    private final int end;
    int position;

    private V0Cursor(String symbol, int base, int end) {
        this.symbol = symbol;
        this.base = base;
        this.end = end;
        this.position = base;
    }

    /**
     * A cursor over the body starting at {@code base}, or null when it cannot be a v0 symbol:
     * it must start with an upper-case path tag and use only {@code [_0-9A-Za-z]} before any
     * suffix (the same gate as c++filt, so identifiers never smuggle other characters in).
     */
    static V0Cursor over(String symbol, int base) {
        int length = symbol.length();
        if (base >= length || !Ascii.isUpper(symbol.charAt(base))) {
            return null;
        }
        int end = base;
        for (; end < length; end++) {
            char c = symbol.charAt(end);
            if (c == '.') {
                break;
            }
            if (!Ascii.isIdentifierChar(c)) {
                return null;
            }
        }
        return new V0Cursor(symbol, base, end);
    }

    boolean atEnd() {
        return position == end;
    }

    char peek() {
        return position < end ? symbol.charAt(position) : 0;
    }

    boolean eat(char c) {
        if (position < end && symbol.charAt(position) == c) {
            position++;
            return true;
        }
        return false;
    }

    char next() {
        if (position >= end) {
            throw MalformedSymbolException.INSTANCE;
        }
        return symbol.charAt(position++);
    }

    /**
     * Moves to a backreference target and returns the position to restore afterwards. A target
     * past the end leaves the cursor at the end, so the next read fails. Targets are not required
     * to point backwards (c++filt does not require it either); the callers' depth limit ends cycles.
     */
    int jumpTo(long target) {
        int back = position;
        position = target >= 0 && target < end - base ? base + (int) target : end;
        return back;
    }

    /**
     * {@code _} is 0, otherwise base-62 digits then {@code _} encode the value minus one. Wraps
     * like c++filt's uint64.
     */
    long base62() {
        if (eat('_')) {
            return 0;
        }
        long value = 0;
        while (!eat('_')) {
            char c = next();
            int digit;
            if (Ascii.isDigit(c)) {
                digit = c - '0';
            } else if (Ascii.isLower(c)) {
                digit = 10 + (c - 'a');
            } else if (Ascii.isUpper(c)) {
                digit = 36 + (c - 'A');
            } else {
                throw MalformedSymbolException.INSTANCE;
            }
            value = value * 62 + digit;
        }
        return value + 1;
    }

    /** An optional {@code tag}-introduced number: 0 when absent, else one more than its value. */
    long optionalBase62(char tag) {
        return eat(tag) ? 1 + base62() : 0;
    }

    long disambiguator() {
        return optionalBase62('s');
    }

    /**
     * {@code [u] <decimal length> [_] <bytes>}; for {@code u} identifiers the bytes after the
     * last {@code _} are Punycode (there must be some), those before it the ASCII base.
     */
    V0Identifier identifier() {
        boolean punycode = eat('u');
        char c = next();
        if (!Ascii.isDigit(c)) {
            throw MalformedSymbolException.INSTANCE;
        }
        long length = c - '0';
        if (c != '0') {
            while (Ascii.isDigit(peek())) {
                length = length * 10 + (next() - '0');
                if (length > end) {
                    throw MalformedSymbolException.INSTANCE;
                }
            }
        }
        eat('_');
        int start = position;
        if (length > end - start) {
            throw MalformedSymbolException.INSTANCE;
        }
        position = start + (int) length;
        if (!punycode) {
            return new V0Identifier(start, (int) length, start, 0);
        }
        int separator = symbol.lastIndexOf('_', position - 1);
        int asciiLength = separator >= start ? separator - start : 0;
        int punycodeStart = separator >= start ? separator + 1 : start;
        if (punycodeStart == position) {
            throw MalformedSymbolException.INSTANCE;
        }
        return new V0Identifier(start, asciiLength, punycodeStart, position - punycodeStart);
    }
}
