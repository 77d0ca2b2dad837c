package dev.rustbin.schema;

import static dev.rustbin.schema.Column.bool;
import static dev.rustbin.schema.Column.int32;
import static dev.rustbin.schema.Column.uint64;
import static dev.rustbin.schema.Column.utf8;

import dev.rustbin.dwarf.LineTableRow;
import dev.rustbin.dwarf.LineTableScan;
import java.util.List;

/** {@code debug_lines}: the DWARF line table, row by row, streamed from .debug_line. */
public final class DebugLinesTable {

    private DebugLinesTable() {
    }

    public static final TableSchema<LineTableRow> TABLE = TableSchema.streamed("debug_lines",
            "One row per row of the DWARF line table (.debug_line, versions 2 to 5, compressed sections too), in section order, "
                    + "as readelf --debug-dump=decodedline lists them: the address where a source line's code begins, and an "
                    + "end_sequence row after each run of code. Read from the binary or its separate debug file (build id, "
                    + ".gnu_debuglink). Rows are streamed: nothing is decoded before a query reads this table.",
            (b, request) -> new LineTableScan(b.image()),
            List.of(
                    Column.path(),
                    uint64("address", "address of the first byte of the row's code (for an end_sequence row: one past the last)",
                            (b, r) -> r.address(), false),
                    utf8("file", "full path of the source file (directory and compilation directory joined, as addr2line prints it)",
                            (b, r) -> r.file(), true),
                    int32("line", "source line, 1-based; 0 when the compiler attributes the code to no line", (b, r) -> (int) r.line(), false),
                    int32("column_number", "source column, 1-based; 0 when unknown", (b, r) -> (int) r.column(), false),
                    bool("is_statement", "a recommended breakpoint location (is_stmt)", (b, r) -> r.isStatement(), false),
                    bool("end_sequence", "the row after the last byte of a sequence of code", (b, r) -> r.endSequence(), false),
                    bool("basic_block", "the row begins a basic block", (b, r) -> r.basicBlock(), false),
                    bool("prologue_end", "where a function's prologue ends (a breakpoint after frame setup)", (b, r) -> r.prologueEnd(), false),
                    bool("epilogue_begin", "where a function's epilogue begins", (b, r) -> r.epilogueBegin(), false),
                    int32("discriminator", "which block of a line with several (0 when there is one)", (b, r) -> (int) r.discriminator(), false),
                    utf8("compile_unit", "name of the compile unit owning the line program", (b, r) -> r.compileUnit(), true),
                    uint64("line_program_offset", "offset of the line program in .debug_line", (b, r) -> r.programOffset(), false)));
}
