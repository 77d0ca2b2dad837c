package dev.rustbin.rust;

/**
 * Demangled text with a hard size cap. v0 backreferences let a short symbol expand exponentially
 * (each level may repeat an earlier one twice); the cap turns such a symbol into a failure within
 * a bounded amount of work. The largest real name seen (librustc_driver) demangles to ~15k chars.
 */
final class BoundedOutput {
    static final int MAX_LENGTH = 1 << 17;

    private final StringBuilder text = new StringBuilder(160);

    void append(char c) {
        reserve(1);
        text.append(c);
    }

    void append(String s) {
        reserve(s.length());
        text.append(s);
    }

    void append(CharSequence s, int from, int to) {
        reserve(to - from);
        text.append(s, from, to);
    }

    void appendCodePoint(int codePoint) {
        reserve(2);
        text.appendCodePoint(codePoint);
    }

    private void reserve(int length) {
        if (text.length() + length > MAX_LENGTH) {
            throw MalformedSymbolException.INSTANCE;
        }
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
