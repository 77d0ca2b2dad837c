package dev.rustbin.schema;

import static dev.rustbin.schema.Column.int32;
import static dev.rustbin.schema.Column.uint64;
import static dev.rustbin.schema.Column.utf8;

import dev.rustbin.dwarf.SourceFileRow;
import dev.rustbin.dwarf.SourceFileScan;
import java.util.List;

/** {@code debug_source_files}: code bytes per source file, by the line table. */
public final class DebugSourceFilesTable {

    private DebugSourceFilesTable() {
    }

    public static final TableSchema<SourceFileRow> TABLE = TableSchema.ofImage("debug_source_files",
            "One row per source file the line table names, with the bytes of code its rows account for (from each row's "
                    + "address to the next row's), most first: where the code of inlined generics and macros really comes from, "
                    + "which code bytes per compile unit do not show.",
            SourceFileScan::of,
            List.of(
                    Column.path(),
                    utf8("file", "full path of the source file", (b, r) -> r.file(), false),
                    uint64("code_bytes", "bytes of code whose line rows name the file (in executable sections)", (b, r) -> r.codeBytes(), false),
                    uint64("line_rows", "rows of the line table naming the file", (b, r) -> r.lineRows(), false),
                    int32("compile_units", "line programs (compile units) with rows naming the file", (b, r) -> r.compileUnits(), false)));
}
