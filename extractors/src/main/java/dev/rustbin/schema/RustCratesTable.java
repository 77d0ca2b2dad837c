package dev.rustbin.schema;

import static dev.rustbin.schema.Column.uint64;
import static dev.rustbin.schema.Column.utf8;

import dev.rustbin.rust.CrateSummary;
import java.util.List;

/** {@code rust_crates}: which crates a binary links and what each one costs. */
public final class RustCratesTable {

    private RustCratesTable() {
    }

    public static final TableSchema<CrateSummary> TABLE = TableSchema.<CrateSummary>ofImage("rust_crates",
            "One row per Rust crate per binary: from the crate of every Rust symbol (demangled), the cargo-auditable dependency "
                    + "list (.dep-v0) when present, and the paths of the panic locations, which carry versions for crates.io dependencies.",
            CrateSummary::of,
            List.of(
                    Column.path(),
                    utf8("crate_name", "crate name (std, core and alloc apart)", (b, c) -> c.crate(), false),
                    utf8("crate_version", "version, from .dep-v0 or a registry path in the binary", (b, c) -> c.version(), true),
                    utf8("crate_source", "registry, git, path (a local crate) or std; NULL when the binary does not tell",
                            (b, c) -> c.source(), true),
                    uint64("symbol_count", "defined symbols of the crate (.symtab, or .dynsym when stripped)", (b, c) -> c.symbols(), false),
                    uint64("code_bytes", "bytes of the crate's functions in executable sections", (b, c) -> c.codeBytes(), false),
                    uint64("data_bytes", "bytes of the crate's variables", (b, c) -> c.dataBytes(), false),
                    uint64("panic_location_count", "panic locations in the crate's source files", (b, c) -> c.panicLocations(), false))).cached();
}
