package dev.rustbin.dwarf;

/**
 * What the first entry of a unit says about the whole unit: its names, its line program and the
 * bases that its strx, addrx and rnglistx values are relative to (DWARF 5).
 *
 * @param stmtList    offset of the unit's line program in .debug_line, or -1
 * @param lowPc       the unit's base address for range lists and location lists (0 if none)
 * @param language    DW_LANG_* or -1
 */
public record CompileUnit(UnitHeader header, String name, String compDir, String producer, int language,
                          long stmtList, long lowPc, long strOffsetsBase, long addrBase, long rnglistsBase) {

    /** Reads the unit entry that {@code entry} has just been positioned on by its first {@code next()}. */
    static CompileUnit of(DebugInfoEntry entry, DebugStrings strings) {
        UnitHeader header = entry.unit();
        long strBase = entry.value(DwarfAttributes.STR_OFFSETS_BASE, header.version() >= 5 ? (header.dwarf64() ? 16 : 8) : 0);
        long addrBase = entry.has(DwarfAttributes.ADDR_BASE) ? entry.value(DwarfAttributes.ADDR_BASE) : entry.value(DwarfAttributes.GNU_ADDR_BASE, 0);
        long rangesBase = entry.has(DwarfAttributes.RNGLISTS_BASE) ? entry.value(DwarfAttributes.RNGLISTS_BASE) : entry.value(DwarfAttributes.GNU_RANGES_BASE, 0);
        CompileUnit bases = new CompileUnit(header, null, null, null, -1, -1, 0, strBase, addrBase, rangesBase);
        long lowPc = entry.has(DwarfAttributes.LOW_PC) ? strings.address(bases, entry.form(DwarfAttributes.LOW_PC), entry.value(DwarfAttributes.LOW_PC)) : 0;
        return new CompileUnit(header,
                strings.attribute(bases, entry, DwarfAttributes.NAME),
                strings.attribute(bases, entry, DwarfAttributes.COMP_DIR),
                strings.attribute(bases, entry, DwarfAttributes.PRODUCER),
                (int) entry.value(DwarfAttributes.LANGUAGE, -1),
                entry.value(DwarfAttributes.STMT_LIST, -1),
                lowPc, strBase, addrBase, rangesBase);
    }
}
