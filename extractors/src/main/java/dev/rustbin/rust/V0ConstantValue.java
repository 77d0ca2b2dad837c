package dev.rustbin.rust;

/**
 * Reads the value of a v0 const generic of an integer, {@code bool} or {@code char} type (hex
 * digits up to {@code _}) and renders it as c++filt does. The const kinds added to the mangling
 * later ({@code str}, references, arrays, tuples, ADTs) are unknown to c++filt 2.40 and fail.
 */
final class V0ConstantValue {

    private V0ConstantValue() {
    }

    /** The value after the type tag {@code type} at the cursor, as text. */
    static String read(V0Cursor in, char type) {
        return switch (type) {
            case 'h', 't', 'm', 'y', 'o', 'j' -> unsigned(in);
            case 'a', 's', 'l', 'x', 'n', 'i' -> in.eat('n') ? "-" + unsigned(in) : unsigned(in);
            case 'b' -> bool(in);
            case 'c' -> character(in);
            default -> throw MalformedSymbolException.INSTANCE;
        };
    }

    /**
     * Decimal. Longer than 64 bits, c++filt prints the digits verbatim after {@code 0x} but from a
     * window shifted by one: it drops the first digit and includes the closing {@code _}.
     * Reproduced to print the same.
     */
    private static String unsigned(V0Cursor in) {
        int digits = 0;
        long value = 0;
        while (!in.eat('_')) {
            value = (value << 4) | hexDigit(in.next());
            digits++;
        }
        if (digits == 0) {
            throw MalformedSymbolException.INSTANCE;
        }
        return digits > 16
                ? "0x" + in.symbol.substring(in.position - digits, in.position)
                : Long.toUnsignedString(value);
    }

    private static String bool(V0Cursor in) {
        char digit = in.next();
        if (!in.eat('_')) {
            throw MalformedSymbolException.INSTANCE;
        }
        return switch (digit) {
            case '0' -> "false";
            case '1' -> "true";
            default -> throw MalformedSymbolException.INSTANCE;
        };
    }

    /**
     * Quoted like Rust's {@code Debug} for tab, CR and LF; otherwise c++filt prints the ASCII
     * characters after space and before {@code ~} as they are, all others as
     * <code>&#92;u{hex}</code>.
     */
    private static String character(V0Cursor in) {
        int digits = 0;
        long value = 0;
        while (!in.eat('_')) {
            value = (value << 4) | hexDigit(in.next());
            digits++;
        }
        if (digits == 0 || digits > 8) {
            throw MalformedSymbolException.INSTANCE;
        }
        if (value == '\t') {
            return "'\\t'";
        }
        if (value == '\r') {
            return "'\\r'";
        }
        if (value == '\n') {
            return "'\\n'";
        }
        if (value > ' ' && value < '~') {
            return "'" + (char) value + "'";
        }
        return "'\\u{" + Long.toHexString(value) + "}'";
    }

    private static int hexDigit(char c) {
        int value = Ascii.lowerHexValue(c);
        if (value < 0) {
            throw MalformedSymbolException.INSTANCE;
        }
        return value;
    }
}
