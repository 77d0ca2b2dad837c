package dev.rustbin.rust;

/**
 * Undoes the escapes legacy Rust mangling puts into identifiers, as c++filt does: {@code $LT$}
 * {@code <}, {@code $GT$} {@code >}, {@code $RF$} {@code &}, {@code $BP$} {@code *}, {@code $SP$}
 * {@code @}, {@code $C$} {@code ,}, {@code $LP$} {@code (}, {@code $RP$} {@code )}, {@code $uXX$}
 * (two lower-case hex digits, printable ASCII only), {@code ..} {@code ::}. A leading {@code _}
 * before {@code $} is dropped (the mangler adds it so identifiers start like identifiers). At the
 * first escape it does not know, the rest of the identifier is copied verbatim.
 */
final class LegacyIdentifier {

    private LegacyIdentifier() {
    }

    static void appendUnescaped(String symbol, int from, int to, StringBuilder out) {
        int i = from;
        if (to - from >= 2 && symbol.charAt(from) == '_' && symbol.charAt(from + 1) == '$') {
            i++;
        }
        while (i < to) {
            char c = symbol.charAt(i);
            if (c == '$') {
                int escapeEnd = escapeEnd(symbol, i, to);
                if (escapeEnd < 0) {
                    out.append(symbol, i, to);
                    return;
                }
                out.append(unescaped(symbol, i + 1));
                i = escapeEnd;
            } else if (c == '.') {
                if (i + 1 < to && symbol.charAt(i + 1) == '.') {
                    out.append("::");
                    i += 2;
                } else {
                    out.append('.');
                    i++;
                }
            } else {
                int run = i;
                while (run < to && symbol.charAt(run) != '$' && symbol.charAt(run) != '.') {
                    run++;
                }
                out.append(symbol, i, run);
                i = run;
            }
        }
    }

    /** End (past the closing {@code $}) of a known escape starting at {@code dollar}, or -1. */
    private static int escapeEnd(String symbol, int dollar, int to) {
        int codeLength = codeLength(symbol, dollar + 1, to);
        int close = dollar + 1 + codeLength;
        return codeLength > 0 && close < to && symbol.charAt(close) == '$' ? close + 1 : -1;
    }

    /** Length of the escape code starting at {@code at}, or 0 when it is not one c++filt knows. */
    private static int codeLength(String symbol, int at, int to) {
        if (to - at < 2) {
            return 0;
        }
        char first = symbol.charAt(at);
        if (first == 'C') {
            return 1;
        }
        if (to - at < 3) {
            return 0;
        }
        if (first == 'u') {
            if (to - at < 4) {
                return 0;
            }
            int high = Ascii.lowerHexValue(symbol.charAt(at + 1));
            int low = Ascii.lowerHexValue(symbol.charAt(at + 2));
            return high >= 0 && high <= 7 && low >= 0 && (high << 4 | low) >= 0x20 ? 3 : 0;
        }
        return pairChar(first, symbol.charAt(at + 1)) != 0 ? 2 : 0;
    }

    /** The character of the escape code at {@code at}, known to be valid. */
    private static char unescaped(String symbol, int at) {
        char first = symbol.charAt(at);
        if (first == 'C') {
            return ',';
        }
        if (first == 'u') {
            int high = Ascii.lowerHexValue(symbol.charAt(at + 1));
            return (char) (high << 4 | Ascii.lowerHexValue(symbol.charAt(at + 2)));
        }
        return pairChar(first, symbol.charAt(at + 1));
    }

    private static char pairChar(char first, char second) {
        return switch (first) {
            case 'S' -> second == 'P' ? '@' : 0;
            case 'B' -> second == 'P' ? '*' : 0;
            case 'R' -> second == 'F' ? '&' : second == 'P' ? ')' : 0;
            case 'L' -> second == 'T' ? '<' : second == 'P' ? '(' : 0;
            case 'G' -> second == 'T' ? '>' : 0;
            default -> 0;
        };
    }
}
