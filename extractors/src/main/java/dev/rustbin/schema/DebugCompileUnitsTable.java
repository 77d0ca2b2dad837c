package dev.rustbin.schema;

import static dev.rustbin.schema.Column.int32;
import static dev.rustbin.schema.Column.uint64;
import static dev.rustbin.schema.Column.utf8;

import dev.rustbin.dwarf.CompileUnitRow;
import dev.rustbin.dwarf.CompileUnitScan;
import java.util.List;

/** {@code debug_compile_units}: the compile units of the DWARF and the code bytes each covers. */
public final class DebugCompileUnitsTable {

    private DebugCompileUnitsTable() {
    }

    public static final TableSchema<CompileUnitRow> TABLE = TableSchema.ofImage("debug_compile_units",
            "One row per compile unit in .debug_info (of the binary or its separate debug file), with the bytes of code its "
                    + "address ranges cover, as bloaty -d compileunits counts them. Rust units are codegen units of a crate "
                    + "(name: the crate's root file, with @/crate.hash-cgu.N).",
            CompileUnitScan::of,
            List.of(
                    Column.path(),
                    uint64("unit_offset", "offset of the unit in .debug_info", (b, r) -> r.unitOffset(), false),
                    utf8("name", "DW_AT_name: the primary source file", (b, r) -> r.name(), true),
                    utf8("comp_dir", "DW_AT_comp_dir: the compilation directory", (b, r) -> r.compDir(), true),
                    utf8("producer", "DW_AT_producer: the compiler and its version", (b, r) -> r.producer(), true),
                    utf8("source_language", "DW_LANG name (Rust, C11, C_plus_plus_14, ...)", (b, r) -> r.language(), true),
                    int32("dwarf_version", "version of the unit's DWARF (2 to 5)", (b, r) -> r.version(), false),
                    uint64("low_pc", "the unit's base address (DW_AT_low_pc), 0 when absent", (b, r) -> r.lowPc(), false),
                    uint64("code_bytes", "bytes of code the unit's address ranges cover", (b, r) -> r.codeBytes(), false),
                    int32("range_count", "address ranges of the unit", (b, r) -> r.rangeCount(), false),
                    uint64("line_program_offset", "offset of the unit's line program in .debug_line; NULL without one",
                            (b, r) -> r.lineProgramOffset() < 0 ? null : r.lineProgramOffset(), true)));
}
