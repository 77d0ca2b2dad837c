package dev.rustbin.dwarf;

import java.nio.ByteBuffer;

/**
 * Resolves string and address attribute values: offsets into .debug_str and .debug_line_str,
 * indexes through .debug_str_offsets and .debug_addr from a unit's bases, inline strings in
 * .debug_info.
 */
final class DebugStrings {

    private final DwarfSections sections;

    DebugStrings(DwarfSections sections) {
        this.sections = sections;
    }

    /** The string an entry's attribute names, or null when the entry lacks it. */
    String attribute(CompileUnit unit, DebugInfoEntry entry, int attribute) {
        return entry.has(attribute) ? string(unit, entry.form(attribute), entry.value(attribute)) : null;
    }

    String string(CompileUnit unit, int form, long value) {
        return switch (form) {
            case DwarfForms.STRING -> at(".debug_info", value);
            case DwarfForms.STRP -> at(".debug_str", value);
            case DwarfForms.LINE_STRP -> at(".debug_line_str", value);
            case DwarfForms.STRX, DwarfForms.STRX1, DwarfForms.STRX2, DwarfForms.STRX3, DwarfForms.STRX4, DwarfForms.GNU_STR_INDEX ->
                    at(".debug_str", indexed(".debug_str_offsets", unit.strOffsetsBase(), value, unit.header().dwarf64() ? 8 : 4));
            default -> throw new DwarfFormatException(String.format("form 0x%x is not a string", form));
        };
    }

    /** An address attribute: DW_FORM_addr as it is, addrx through the unit's .debug_addr table. */
    long address(CompileUnit unit, int form, long value) {
        return DwarfForms.isAddressIndex(form) ? indexed(".debug_addr", unit.addrBase(), value, unit.header().addressSize()) : value;
    }

    private String at(String section, long offset) {
        return DwarfCursor.over(sections.get(section), 0).cstringAt(offset);
    }

    private long indexed(String section, long base, long index, int size) {
        ByteBuffer table = sections.get(section);
        long at = base + index * size;
        if (index < 0 || at < 0 || at + size > table.limit()) {
            throw new DwarfFormatException(String.format("index %d outside %s", index, section));
        }
        DwarfCursor in = new DwarfCursor(table, 0, (int) at, table.limit());
        return in.unsigned(size);
    }
}
