package dev.rustbin.schema;

import static dev.rustbin.schema.Column.bool;
import static dev.rustbin.schema.Column.int32;
import static dev.rustbin.schema.Column.utf8;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.LinkedLibrary;
import java.util.List;

/** {@code binary_libraries}: the shared libraries each binary asks the loader for. */
public final class BinaryLibrariesTable {

    private BinaryLibrariesTable() {
    }

    public static final TableSchema<LinkedLibrary> TABLE = TableSchema.ofImage("binary_libraries",
            "One row per library a binary links against: ELF DT_NEEDED, Mach-O LC_LOAD_DYLIB and friends, PE import directory DLLs.",
            BinaryImage::libraries,
            List.of(
                    Column.path(),
                    int32("library_index", "position among the binary's libraries, from 0 (Mach-O library ordinal - 1)", (b, l) -> l.index(), false),
                    utf8("library_name", "as recorded: libc.so.6, /usr/lib/libSystem.B.dylib, KERNEL32.dll", (b, l) -> l.name(), false),
                    utf8("link_kind", "needed (ELF); load, weak, reexport, upward or lazy (Mach-O); import (PE)", (b, l) -> l.kind(), false),
                    bool("is_weak", "the binary still loads when the library is missing (Mach-O LC_LOAD_WEAK_DYLIB)", (b, l) -> l.weak(), false)));
}
