package dev.rustbin.rust;

/**
 * The crate of a demangled legacy path, by the rules {@link RustSymbols#crateOf} documents. A
 * legacy name encodes no impl location, only text such as {@code <shapes::Rect as shapes::Area>}
 * or {@code <impl core::fmt::Debug for T>} as its first element, so the self type and trait are
 * found in that text.
 */
final class LegacyCrateFinder {
    /** Qualified openings nest as {@code <<A as B>::C as D>}; deeper than this only in made-up names. */
    private static final int MAX_NESTING = 64;

    private LegacyCrateFinder() {
    }

    /**
     * The crate of {@code path}; if it names none (rustc writes every path from its crate, so only
     * made-up names get here) its first identifier, and failing that the whole path.
     */
    static String crateOf(String path) {
        String crate = pathCrate(path, 0);
        return crate != null ? crate : firstIdentifier(path);
    }

    /** The crate of a crate-qualified path, resolving a qualified opening; null for anything else. */
    private static String pathCrate(String text, int nesting) {
        if (!text.startsWith("<")) {
            int end = identifierEnd(text, 0);
            return end > 0 && text.startsWith("::", end) ? text.substring(0, end) : null;
        }
        int close = closingBracket(text);
        if (close < 0 || nesting >= MAX_NESTING) {
            return null;
        }
        String inner = text.substring(1, close);
        String selfType;
        String trait;
        if (inner.startsWith("impl ")) {
            int separator = topLevelIndexOf(inner, " for ");
            selfType = separator < 0 ? inner.substring(5) : inner.substring(separator + 5);
            trait = separator < 0 ? null : inner.substring(5, separator);
        } else {
            int separator = topLevelIndexOf(inner, " as ");
            selfType = separator < 0 ? inner : inner.substring(0, separator);
            trait = separator < 0 ? null : inner.substring(separator + 4);
        }
        String crate = pathCrate(selfType, nesting + 1);
        return crate != null || trait == null ? crate : pathCrate(trait, nesting + 1);
    }

    /**
     * Index of the {@code >} closing the {@code <} at 0, or -1; the {@code >} of a {@code ->}
     * closes nothing.
     */
    private static int closingBracket(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            depth += bracketDelta(text, i);
            if (depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int topLevelIndexOf(String text, String separator) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            if (depth == 0 && text.startsWith(separator, i)) {
                return i;
            }
            depth += bracketDelta(text, i);
        }
        return -1;
    }

    private static int bracketDelta(String text, int i) {
        char c = text.charAt(i);
        if (c == '<') {
            return 1;
        }
        return c == '>' && (i == 0 || text.charAt(i - 1) != '-') ? -1 : 0;
    }

    private static String firstIdentifier(String path) {
        for (int i = 0; i < path.length(); i++) {
            int end = identifierEnd(path, i);
            if (end > i) {
                return path.substring(i, end);
            }
        }
        return path;
    }

    private static int identifierEnd(String text, int from) {
        int end = from;
        while (end < text.length() && Ascii.isIdentifierChar(text.charAt(end))) {
            end++;
        }
        return end;
    }
}
