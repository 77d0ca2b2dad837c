package dev.rustbin.rust;

/**
 * The crate a v0 symbol belongs to, by the rules {@link RustSymbols#crateOf} documents: the root
 * of its path, where an impl ({@code M}, {@code X}) or trait-definition ({@code Y}) path counts as
 * the crate of its self type when that type is a path, else the trait's crate ({@code X}, {@code Y})
 * or the crate holding the {@code impl} block ({@code M}, e.g. {@code alloc} for {@code <[T]>::sort}).
 * Expects a symbol that already demangled successfully.
 */
final class V0CrateFinder {
    private static final int MAX_DEPTH = 1024;

    private final V0Cursor in;
    private final V0RustDemangler skipper;
    private int depth;

    private V0CrateFinder(V0Cursor in) {
        this.in = in;
        this.skipper = V0RustDemangler.skipperOver(in);
    }

    /** The crate name, or null if it cannot be found (only for corrupt names, see {@link #path}). */
    static String crateOf(String symbol, int bodyStart) {
        V0Cursor cursor = V0Cursor.over(symbol, bodyStart);
        if (cursor == null) {
            return null;
        }
        try {
            return new V0CrateFinder(cursor).path();
        } catch (MalformedSymbolException e) {
            return null;
        }
    }

    /**
     * The crate of the path at the cursor; leaves the cursor after it. Follows backreferences,
     * including into the {@code M} impl path, which demangling never reads, so a corrupt name can
     * fail only here; the depth limit ends cycles. Only the part that decides the crate is followed,
     * the rest is skipped, so the work stays within the depth limit times the symbol's length.
     */
    private String path() {
        enter();
        char tag = in.next();
        String crate;
        switch (tag) {
            case 'C' -> {
                in.disambiguator();
                crate = identifierText(in.identifier());
            }
            case 'N' -> {
                in.next();
                crate = path();
                in.disambiguator();
                in.identifier();
            }
            case 'I' -> {
                crate = path();
                skipper.skipGenericArgs();
            }
            case 'B' -> {
                int back = in.jumpTo(in.base62());
                crate = path();
                in.position = back;
            }
            case 'M' -> {
                in.disambiguator();
                int implPath = in.position;
                skipper.skipPath();
                crate = typeCrate();
                if (crate == null) {
                    int back = in.position;
                    in.position = implPath;
                    crate = path();
                    in.position = back;
                }
            }
            case 'X', 'Y' -> {
                if (tag == 'X') {
                    in.disambiguator();
                    skipper.skipPath();
                }
                crate = typeCrate();
                if (crate != null) {
                    skipper.skipPath();
                } else {
                    crate = path();
                }
            }
            default -> throw MalformedSymbolException.INSTANCE;
        }
        depth--;
        return crate;
    }

    /**
     * The crate of the type at the cursor if it is a path to an item (a named type), else null;
     * leaves the cursor after it.
     */
    private String typeCrate() {
        enter();
        String crate = null;
        switch (in.peek()) {
            case 'N', 'M', 'X', 'Y', 'I' -> crate = path();
            case 'B' -> {
                in.next();
                int back = in.jumpTo(in.base62());
                crate = typeCrate();
                in.position = back;
            }
            // A bare crate root is no nominal type: rustc writes f16 and f128 as C3f16, C4f128.
            default -> skipper.skipType();
        }
        depth--;
        return crate;
    }

    private String identifierText(V0Identifier ident) {
        if (!ident.isPunycode()) {
            return in.symbol.substring(ident.asciiStart(), ident.asciiStart() + ident.asciiLength());
        }
        BoundedOutput text = new BoundedOutput();
        Punycode.decode(in.symbol, ident, text);
        return text.toString();
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw MalformedSymbolException.INSTANCE;
        }
    }
}
