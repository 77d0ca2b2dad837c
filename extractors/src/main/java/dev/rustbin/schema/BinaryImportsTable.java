package dev.rustbin.schema;

import static dev.rustbin.schema.Column.bool;
import static dev.rustbin.schema.Column.int32;
import static dev.rustbin.schema.Column.utf8;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.Import;
import java.util.List;

/** {@code binary_imports}: the symbols each binary expects other binaries to define. */
public final class BinaryImportsTable {

    private BinaryImportsTable() {
    }

    public static final TableSchema<Import> TABLE = TableSchema.ofImage("binary_imports",
            "One row per imported symbol: ELF undefined .dynsym entries, Mach-O undefined externals, PE import directory entries.",
            BinaryImage::imports,
            List.of(
                    Column.path(),
                    utf8("symbol_name", "imported symbol as stored (mangled); NULL for PE imports by ordinal", (b, i) -> i.name(), true),
                    utf8("library", "library expected to define it (ELF: from its symbol version requirement; Mach-O: two-level namespace; PE: the DLL); NULL when not recorded",
                            (b, i) -> i.library(), true),
                    int32("import_ordinal", "PE import by ordinal; NULL otherwise", (b, i) -> i.ordinal(), true),
                    int32("hint", "PE name-table hint; NULL otherwise", (b, i) -> i.hint(), true),
                    utf8("symbol_version", "ELF symbol version, e.g. GLIBC_2.2.5; NULL otherwise", (b, i) -> i.version(), true),
                    bool("is_weak", "a missing definition is no error (ELF weak binding, Mach-O N_WEAK_REF)", (b, i) -> i.weak(), false)));
}
