package dev.rustbin.functions;

import dev.rustbin.rust.RustSymbols;

/** SQL functions over Rust symbol names, usable on any string (symbols, backtraces, log lines). */
public final class RustFunctions {

    private RustFunctions() {
    }

    /** {@code rust_demangle(name)}: as c++filt prints it, without the legacy hash; other names unchanged. */
    public static String rustDemangle(String name) {
        return RustSymbols.demangle(name);
    }

    /** {@code rust_crate(name)}: the defining crate of a Rust symbol, NULL for other names. */
    public static String rustCrate(String name) {
        return RustSymbols.crateOf(name);
    }

    /** {@code rust_generic(name)}: the path without generic arguments or hashes, NULL for other names. */
    public static String rustGeneric(String name) {
        return RustSymbols.genericName(name);
    }

    /** {@code is_rust_symbol(name)}: whether the name has a Rust mangling. */
    public static Boolean isRustSymbol(String name) {
        return name == null ? null : RustSymbols.isRust(name);
    }
}
