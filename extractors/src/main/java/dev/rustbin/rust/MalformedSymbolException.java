package dev.rustbin.rust;

/**
 * Abandons a symbol that is not (completely) demangleable. Thrown from deep inside the grammar
 * walk and caught at each demangler's entry, so it never leaves this package. It has no stack
 * trace and is a single instance because it is plain control flow, hit for every malformed name.
 */
final class MalformedSymbolException extends RuntimeException {
    static final MalformedSymbolException INSTANCE = new MalformedSymbolException();

    private MalformedSymbolException() {
        super("not a well-formed Rust symbol", null, false, false);
    }
}
