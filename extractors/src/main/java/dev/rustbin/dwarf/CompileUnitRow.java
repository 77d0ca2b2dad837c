package dev.rustbin.dwarf;

/**
 * One compile unit of {@code .debug_info} with the code it covers, as {@code bloaty -d compileunits} counts it.
 *
 * @param codeBytes  bytes its DW_AT_ranges (or low/high pc) cover
 * @param language   the DW_LANG_* name ("Rust", "C11"), or the number in hex when the name is not known
 */
public record CompileUnitRow(long unitOffset, int version, String name, String compDir, String producer,
                             String language, long lowPc, long codeBytes, int rangeCount, long lineProgramOffset) {
}
