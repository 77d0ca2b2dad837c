package dev.rustbin.rust;

/**
 * Removes generic argument lists from a demangled legacy path, as {@link RustSymbols#genericName}
 * documents. Legacy names carry no instantiation arguments, but their qualified openings spell the
 * impl's own parameters ({@code <alloc::vec::Vec<T,A> as core::ops::drop::Drop>::drop}); dropping
 * them gives the same generic name as the v0 mangling of the same function.
 */
final class LegacyGenericName {

    private LegacyGenericName() {
    }

    /**
     * {@code path} without every {@code <...>} written right after an identifier, except a {@code
     * for<'a>} binder.
     */
    static String of(String path) {
        if (path.indexOf('<') < 0) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length());
        int skippedDepth = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (skippedDepth > 0) {
                if (c == '<') {
                    skippedDepth++;
                } else if (c == '>' && path.charAt(i - 1) != '-') {
                    skippedDepth--;
                }
            } else if (c == '<' && opensGenericArgs(path, i)) {
                skippedDepth = 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean opensGenericArgs(String path, int bracket) {
        int start = bracket;
        while (start > 0 && Ascii.isIdentifierChar(path.charAt(start - 1))) {
            start--;
        }
        return start < bracket && !(bracket - start == 3 && path.startsWith("for", start));
    }
}
