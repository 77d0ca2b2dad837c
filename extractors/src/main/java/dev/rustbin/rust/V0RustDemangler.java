package dev.rustbin.rust;

/**
 * Demangles v0 symbols (RFC 2603, {@code _R...}) into the text binutils 2.40 {@code c++filt}
 * prints for them, or into the generic name {@link RustSymbols#genericName} documents.
 *
 * <p>c++filt's conventions, kept so the two outputs compare equal: crate roots carry their
 * disambiguator in hex ({@code std[5f8715e273955c9e]}); inherent impls print as {@code <Type>} and
 * trait impls as {@code <Type as Trait>}, never with the path of the {@code impl} block; const
 * generic arguments carry their type ({@code 5: usize}); the instantiating-crate suffix and any
 * {@code .suffix} are not printed; at most 1024 nested paths, types and consts, beyond which the
 * symbol fails (c++filt's limit). Backreferences inside a part that is not printed are not
 * followed, exactly as c++filt skips them, so a bad target there goes unnoticed by both. rustc
 * writes {@code f16}/{@code f128} as crate roots, so they print as {@code f16[0]}, as in c++filt.
 *
 * <p>Unlike c++filt, work and output are capped ({@link BoundedOutput}, {@link #MAX_STEPS}):
 * backreferences can make a short corrupt symbol expand without end; such a symbol fails here.
 */
final class V0RustDemangler {

    enum Style {
        /** As c++filt prints it. */
        CXXFILT,
        /** Generic argument lists and crate disambiguators left out. */
        GENERIC_NAME
    }

    private static final int MAX_DEPTH = 1024;
    /**
     * Productions visited per symbol. The output cap alone would still allow ~MAX_DEPTH visits per
     * printed character (chains of nodes that print nothing). The most any symbol of
     * librustc_driver needs is ~2,500.
     */
    private static final int MAX_STEPS = 1 << 16;

    private final V0Cursor in;
    private final BoundedOutput out;
    private final Style style;
    /** Parse without printing (c++filt's {@code skipping_printing}); backreferences are not followed. */
    private boolean skipping;
    private int depth;
    private int steps;
    /** Lifetimes bound by enclosing {@code for<...>} binders; de Bruijn indices count back from it. */
    private long boundLifetimes;

    private V0RustDemangler(V0Cursor in, Style style, boolean skipping) {
        this.in = in;
        this.out = new BoundedOutput();
        this.style = style;
        this.skipping = skipping;
    }

    /**
     * The demangled text of the v0 symbol whose body starts at {@code bodyStart}, or null if it is
     * malformed.
     */
    static String demangle(String symbol, int bodyStart, Style style) {
        V0Cursor cursor = V0Cursor.over(symbol, bodyStart);
        if (cursor == null) {
            return null;
        }
        V0RustDemangler demangler = new V0RustDemangler(cursor, style, false);
        try {
            demangler.path(true);
            if (!cursor.atEnd()) {
                // The crate that instantiated a generic: parsed for validity, never printed.
                demangler.skipping = true;
                demangler.path(false);
            }
            return cursor.atEnd() ? demangler.out.toString() : null;
        } catch (MalformedSymbolException e) {
            return null;
        }
    }

    /** A demangler that only moves {@code cursor} over grammar productions, for {@link V0CrateFinder}. */
    static V0RustDemangler skipperOver(V0Cursor cursor) {
        return new V0RustDemangler(cursor, Style.CXXFILT, true);
    }

    /*
     * The skip* entry points start a fresh step budget: skipping never follows a backreference,
     * so each call is linear in the symbol's length however often a caller makes one.
     */

    void skipPath() {
        steps = 0;
        path(false);
    }

    void skipType() {
        steps = 0;
        type();
    }

    void skipGenericArgs() {
        steps = 0;
        genericArgList();
    }

    private void genericArgList() {
        while (!in.eat('E')) {
            genericArg();
        }
    }

    /** {@code inValue}: a path in expression position, whose generic arguments need {@code ::<...>}. */
    private void path(boolean inValue) {
        enter();
        char tag = in.next();
        switch (tag) {
            case 'C' -> {
                long disambiguator = in.disambiguator();
                identifier(in.identifier());
                if (style == Style.CXXFILT) {
                    print('[');
                    print(Long.toHexString(disambiguator));
                    print(']');
                }
            }
            case 'N' -> nested(inValue);
            case 'M', 'X', 'Y' -> impl(tag, inValue);
            case 'I' -> {
                path(inValue);
                genericArgs(inValue);
            }
            case 'B' -> {
                long target = in.base62();
                if (!skipping) {
                    int back = in.jumpTo(target);
                    path(inValue);
                    in.position = back;
                }
            }
            default -> throw MalformedSymbolException.INSTANCE;
        }
        depth--;
    }

    /**
     * {@code N <namespace> <path> <disambiguator> <identifier>}: upper-case namespaces are special
     * (closures, shims).
     */
    private void nested(boolean inValue) {
        char namespace = in.next();
        boolean special = Ascii.isUpper(namespace);
        if (!special && !Ascii.isLower(namespace)) {
            throw MalformedSymbolException.INSTANCE;
        }
        path(inValue);
        long disambiguator = in.disambiguator();
        V0Identifier name = in.identifier();
        if (special) {
            print("::{");
            switch (namespace) {
                case 'C' -> print("closure");
                case 'S' -> print("shim");
                default -> print(namespace);
            }
            if (!name.isEmpty()) {
                print(':');
                identifier(name);
            }
            print('#');
            print(Long.toUnsignedString(disambiguator));
            print('}');
        } else if (!name.isEmpty()) {
            print("::");
            identifier(name);
        }
    }

    /**
     * {@code M}: inherent impl, {@code X}: trait impl, {@code Y}: trait definition; the impl
     * block's own path is not printed.
     */
    private void impl(char tag, boolean inValue) {
        if (tag != 'Y') {
            in.disambiguator();
            boolean wasSkipping = skipping;
            skipping = true;
            path(inValue);
            skipping = wasSkipping;
        }
        print('<');
        type();
        if (tag != 'M') {
            print(" as ");
            path(false);
        }
        print('>');
    }

    private void genericArgs(boolean inValue) {
        if (style == Style.GENERIC_NAME) {
            boolean wasSkipping = skipping;
            skipping = true;
            genericArgList();
            skipping = wasSkipping;
            return;
        }
        if (inValue) {
            print("::");
        }
        print('<');
        for (int i = 0; !in.eat('E'); i++) {
            if (i > 0) {
                print(", ");
            }
            genericArg();
        }
        print('>');
    }

    private void genericArg() {
        if (in.eat('L')) {
            lifetime(in.base62());
        } else if (in.eat('K')) {
            constant();
        } else {
            type();
        }
    }

    private void type() {
        enter();
        char tag = in.next();
        String basic = basicType(tag);
        if (basic != null) {
            print(basic);
        } else {
            switch (tag) {
                case 'R', 'Q' -> {
                    print('&');
                    if (in.eat('L')) {
                        long lifetime = in.base62();
                        if (lifetime != 0) {
                            lifetime(lifetime);
                            print(' ');
                        }
                    }
                    if (tag == 'Q') {
                        print("mut ");
                    }
                    type();
                }
                case 'P', 'O' -> {
                    print(tag == 'P' ? "*const " : "*mut ");
                    type();
                }
                case 'A', 'S' -> {
                    print('[');
                    type();
                    if (tag == 'A') {
                        print("; ");
                        constant();
                    }
                    print(']');
                }
                case 'T' -> tuple();
                case 'F' -> fnPointer();
                case 'D' -> dynTraits();
                case 'B' -> {
                    long target = in.base62();
                    if (!skipping) {
                        int back = in.jumpTo(target);
                        type();
                        in.position = back;
                    }
                }
                default -> {
                    in.position--;
                    path(false);
                }
            }
        }
        depth--;
    }

    private void tuple() {
        print('(');
        int count = 0;
        for (; !in.eat('E'); count++) {
            if (count > 0) {
                print(", ");
            }
            type();
        }
        if (count == 1) {
            print(',');
        }
        print(')');
    }

    private void fnPointer() {
        long outerLifetimes = boundLifetimes;
        binder();
        if (in.eat('U')) {
            print("unsafe ");
        }
        if (in.eat('K')) {
            abi();
        }
        print("fn(");
        for (int i = 0; !in.eat('E'); i++) {
            if (i > 0) {
                print(", ");
            }
            type();
        }
        print(')');
        if (!in.eat('u')) {
            print(" -> ");
            type();
        }
        boundLifetimes = outerLifetimes;
    }

    /**
     * {@code extern "abi"}; the mangling turned {@code -} into {@code _}. c++filt restarts its
     * scan one character after each replacement, so it never converts a {@code _} right after
     * another one ({@code a__b} prints as {@code a-_b}); reproduced to print the same.
     */
    private void abi() {
        String symbol = in.symbol;
        int from;
        int length;
        if (in.eat('C')) {
            symbol = "C";
            from = 0;
            length = 1;
        } else {
            V0Identifier abi = in.identifier();
            if (abi.asciiLength() == 0 || abi.isPunycode()) {
                throw MalformedSymbolException.INSTANCE;
            }
            from = abi.asciiStart();
            length = abi.asciiLength();
        }
        print("extern \"");
        for (int i = 0; i < length; i++) {
            if (symbol.charAt(from + i) == '_') {
                print(symbol, from, from + i);
                print('-');
                from += i + 1;
                length -= i + 1;
                i = 0;
            }
        }
        print(symbol, from, from + length);
        print("\" ");
    }

    private void dynTraits() {
        print("dyn ");
        long outerLifetimes = boundLifetimes;
        binder();
        for (int i = 0; !in.eat('E'); i++) {
            if (i > 0) {
                print(" + ");
            }
            dynTrait();
        }
        boundLifetimes = outerLifetimes;
        if (!in.eat('L')) {
            throw MalformedSymbolException.INSTANCE;
        }
        long lifetime = in.base62();
        if (lifetime != 0) {
            print(" + ");
            lifetime(lifetime);
        }
    }

    /**
     * A trait with its generic arguments and associated-type bindings in one {@code <...>}: {@code
     * Fn<(u8,), Output = u8>}.
     */
    private void dynTrait() {
        boolean open = pathMaybeOpenGenerics();
        boolean wasSkipping = skipping;
        if (style == Style.GENERIC_NAME) {
            skipping = true;
        }
        while (in.eat('p')) {
            print(open ? ", " : "<");
            open = true;
            identifier(in.identifier());
            print(" = ");
            type();
        }
        if (open) {
            print('>');
        }
        skipping = wasSkipping;
    }

    /**
     * A path whose generic-argument list, if any, is left open for associated-type bindings; true
     * if one was opened.
     */
    private boolean pathMaybeOpenGenerics() {
        enter();
        boolean open = false;
        if (in.eat('B')) {
            long target = in.base62();
            if (!skipping) {
                int back = in.jumpTo(target);
                open = pathMaybeOpenGenerics();
                in.position = back;
            }
        } else if (in.eat('I')) {
            path(false);
            open = true;
            boolean wasSkipping = skipping;
            if (style == Style.GENERIC_NAME) {
                skipping = true;
            }
            print('<');
            for (int i = 0; !in.eat('E'); i++) {
                if (i > 0) {
                    print(", ");
                }
                genericArg();
            }
            skipping = wasSkipping;
        } else {
            path(false);
        }
        depth--;
        return open;
    }

    /** {@code for<'a, 'b> }: binds lifetimes for a fn pointer or dyn type. */
    private void binder() {
        long count = in.optionalBase62('G');
        if (count == 0) {
            return;
        }
        if (skipping) {
            // Nothing to print, so no need to count one by one (a corrupt count can be ~2^64).
            boundLifetimes += count;
            return;
        }
        print("for<");
        for (long i = 0; Long.compareUnsigned(i, count) < 0; i++) {
            if (i > 0) {
                print(", ");
            }
            boundLifetimes++;
            lifetime(1);
        }
        print("> ");
    }

    /**
     * De Bruijn index 1 is the innermost bound lifetime; 0 is the erased {@code '_}. Named {@code
     * 'a}..{@code 'z}, then {@code '_26}...
     */
    private void lifetime(long index) {
        print('\'');
        if (index == 0) {
            print('_');
            return;
        }
        long letter = boundLifetimes - index;
        if (Long.compareUnsigned(letter, 26) < 0) {
            print((char) ('a' + letter));
        } else {
            print('_');
            print(Long.toUnsignedString(letter));
        }
    }

    /** Const generic argument or array length, printed with its type as c++filt does: {@code 8: usize}. */
    private void constant() {
        enter();
        if (in.eat('B')) {
            long target = in.base62();
            if (!skipping) {
                int back = in.jumpTo(target);
                constant();
                in.position = back;
            }
        } else {
            char tag = in.next();
            if (tag == 'p') {
                print('_'); // a placeholder has no type to print
            } else {
                print(V0ConstantValue.read(in, tag));
                print(": ");
                print(basicType(tag));
            }
        }
        depth--;
    }

    private void identifier(V0Identifier ident) {
        if (skipping) {
            return;
        }
        if (ident.isPunycode()) {
            Punycode.decode(in.symbol, ident, out);
        } else {
            out.append(in.symbol, ident.asciiStart(), ident.asciiStart() + ident.asciiLength());
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH || ++steps > MAX_STEPS) {
            throw MalformedSymbolException.INSTANCE;
        }
    }

    private void print(char c) {
        if (!skipping) {
            out.append(c);
        }
    }

    private void print(String s) {
        if (!skipping) {
            out.append(s);
        }
    }

    private void print(String s, int from, int to) {
        if (!skipping) {
            out.append(s, from, to);
        }
    }

    private static String basicType(char tag) {
        return switch (tag) {
            case 'b' -> "bool";
            case 'c' -> "char";
            case 'e' -> "str";
            case 'u' -> "()";
            case 'a' -> "i8";
            case 's' -> "i16";
            case 'l' -> "i32";
            case 'x' -> "i64";
            case 'n' -> "i128";
            case 'i' -> "isize";
            case 'h' -> "u8";
            case 't' -> "u16";
            case 'm' -> "u32";
            case 'y' -> "u64";
            case 'o' -> "u128";
            case 'j' -> "usize";
            case 'f' -> "f32";
            case 'd' -> "f64";
            case 'z' -> "!";
            case 'p' -> "_";
            case 'v' -> "...";
            default -> null;
        };
    }
}
