package dev.rustbin.schema;

import static dev.rustbin.schema.Column.bool;
import static dev.rustbin.schema.Column.int32;
import static dev.rustbin.schema.Column.uint64;
import static dev.rustbin.schema.Column.utf8;

import dev.rustbin.dwarf.FunctionRow;
import dev.rustbin.dwarf.FunctionScan;
import dev.rustbin.rust.RustSymbols;
import java.util.List;

/** {@code debug_functions}: the functions and inlined calls DWARF describes, streamed unit by unit. */
public final class DebugFunctionsTable {

    private DebugFunctionsTable() {
    }

    public static final TableSchema<FunctionRow> TABLE = TableSchema.streamed("debug_functions",
            "One row per function with code (DW_TAG_subprogram with an address range) and per call the compiler inlined "
                    + "(DW_TAG_inlined_subroutine, is_inlined true), from .debug_info of the binary or its separate debug file. "
                    + "Names come from the entry or its abstract origin and declaration.",
            (b, request) -> new FunctionScan(b.image()),
            List.of(
                    Column.path(),
                    utf8("name", "DW_AT_name: the short name (new, push, main)", (b, r) -> r.name(), true),
                    utf8("linkage_name", "DW_AT_linkage_name: the symbol name, mangled (NULL for C functions)", (b, r) -> r.linkageName(), true),
                    utf8("demangled_name", "the linkage name demangled (Rust names as c++filt prints them), else the name",
                            (b, r) -> r.linkageName() != null ? RustSymbols.demangle(r.linkageName()) : r.name(), true),
                    utf8("crate_name", "the Rust crate of the linkage name", (b, r) -> r.linkageName() == null ? null : RustSymbols.crateOf(r.linkageName()), true),
                    uint64("low_pc", "lowest address of the code", (b, r) -> r.lowPc(), false),
                    uint64("high_pc", "one past the highest address of the code", (b, r) -> r.highPc(), false),
                    uint64("size", "bytes of code its address ranges cover", (b, r) -> r.size(), false),
                    int32("range_count", "address ranges (more than 1 when the code is split, e.g. into .text.unlikely)", (b, r) -> r.rangeCount(), false),
                    utf8("decl_file", "file that declares the function", (b, r) -> r.declFile(), true),
                    int32("decl_line", "line of the declaration, 0 when unknown", (b, r) -> (int) r.declLine(), false),
                    bool("is_inlined", "a call inlined into another function, not a function of its own", (b, r) -> r.inlined(), false),
                    utf8("inlined_into", "for an inlined call: the function it was inlined into, demangled",
                            (b, r) -> r.inlinedInto() == null ? null : RustSymbols.demangle(r.inlinedInto()), true),
                    utf8("call_file", "for an inlined call: the file of the call site", (b, r) -> r.callFile(), true),
                    int32("call_line", "for an inlined call: the line of the call site", (b, r) -> r.inlined() ? (int) r.callLine() : null, true),
                    int32("call_column", "for an inlined call: the column of the call site", (b, r) -> r.inlined() ? (int) r.callColumn() : null, true),
                    utf8("compile_unit", "name of the compile unit", (b, r) -> r.compileUnit(), true),
                    uint64("die_offset", "offset of the entry in .debug_info", (b, r) -> r.entryOffset(), false)));
}
