package dev.rustbin.schema;

import static dev.rustbin.schema.Column.int32;
import static dev.rustbin.schema.Column.uint64;
import static dev.rustbin.schema.Column.utf8;

import dev.rustbin.rust.PanicLocation;
import dev.rustbin.rust.PanicLocationScanner;
import java.util.List;

/** {@code rust_panic_locations}: every {@code core::panic::Location} the binary embeds. */
public final class RustPanicLocationsTable {

    private RustPanicLocationsTable() {
    }

    public static final TableSchema<PanicLocation> TABLE = TableSchema.<PanicLocation>ofImage("rust_panic_locations",
            "One row per core::panic::Location record in the binary's data: the places that can panic or report a "
                    + "#[track_caller] caller (panic!, unwrap, expect, indexing, overflow checks), found by reading the data sections.",
            PanicLocationScanner::of,
            List.of(
                    Column.path(),
                    uint64("location_address", "virtual address of the Location record", (b, l) -> l.address(), false),
                    utf8("file", "source file as rustc recorded it", (b, l) -> l.file(), false),
                    int32("line", "line, 1-based", (b, l) -> l.line(), false),
                    int32("column_number", "column, 1-based", (b, l) -> l.column(), false),
                    utf8("crate_name", "crate the file belongs to, from its path (NULL when the path does not tell)",
                            (b, l) -> l.source().crate(), true),
                    utf8("crate_version", "crate version for crates.io registry paths", (b, l) -> l.source().version(), true),
                    utf8("crate_source", "registry, git, std or path", (b, l) -> l.source().kind(), false))).cached();
}
