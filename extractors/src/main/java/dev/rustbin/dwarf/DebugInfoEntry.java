package dev.rustbin.dwarf;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A reader of the debugging information entries of one unit, one entry at a time, keeping the
 * attributes of {@link DwarfAttributes} as raw numbers (forms say how to resolve them). One instance
 * is reused for every entry: nothing is allocated per entry.
 */
final class DebugInfoEntry {

    private final UnitHeader unit;
    private final AbbreviationTable abbreviations;
    private final DwarfCursor in;
    private final int[] forms = new int[DwarfAttributes.SLOTS];
    private final long[] values = new long[DwarfAttributes.SLOTS];
    private long offset;
    private int depth;
    private int nextDepth;
    private Abbreviation abbreviation;

    DebugInfoEntry(ByteBuffer info, UnitHeader unit, AbbreviationTable abbreviations) {
        this.unit = unit;
        this.abbreviations = abbreviations;
        this.in = new DwarfCursor(info, 0, (int) unit.firstEntry(), (int) unit.end());
    }

    UnitHeader unit() {
        return unit;
    }

    /** Moves to the entry at an absolute .debug_info offset inside this unit (a reference's target). */
    void seek(long entryOffset) {
        if (entryOffset < unit.firstEntry() || entryOffset >= unit.end()) {
            throw new DwarfFormatException(String.format("reference 0x%x outside its unit at 0x%x", entryOffset, unit.offset()));
        }
        in.seek((int) entryOffset);
        nextDepth = 0;
    }

    /** Reads the next entry (a null entry too: its tag is 0); false at the end of the unit. */
    boolean next() {
        if (!in.hasMore()) {
            return false;
        }
        offset = in.position();
        depth = nextDepth;
        Arrays.fill(forms, 0);
        long code = in.uleb();
        if (code == 0) {
            abbreviation = null;
            nextDepth = Math.max(0, depth - 1);
            return true;
        }
        abbreviation = abbreviations.get(code);
        int[] attributes = abbreviation.attributes();
        int[] attributeForms = abbreviation.forms();
        for (int i = 0; i < attributes.length; i++) {
            int form = attributeForms[i];
            while (form == DwarfForms.INDIRECT) {
                form = (int) in.uleb();
            }
            long value = DwarfForms.read(in, form, unit, abbreviation.implicitConstants()[i]);
            int slot = DwarfAttributes.slot(attributes[i]);
            if (slot >= 0) {
                forms[slot] = form;
                values[slot] = value;
            }
        }
        nextDepth = abbreviation.hasChildren() ? depth + 1 : depth;
        return true;
    }

    long offset() {
        return offset;
    }

    /** Nesting level: 0 for the unit's own entry, 1 for its children, ... */
    int depth() {
        return depth;
    }

    /** DW_TAG_* of the entry, 0 for a null entry (the end of a list of children). */
    int tag() {
        return abbreviation == null ? 0 : abbreviation.tag();
    }

    boolean hasChildren() {
        return abbreviation != null && abbreviation.hasChildren();
    }

    boolean has(int attribute) {
        return forms[DwarfAttributes.slot(attribute)] != 0;
    }

    int form(int attribute) {
        return forms[DwarfAttributes.slot(attribute)];
    }

    long value(int attribute) {
        return values[DwarfAttributes.slot(attribute)];
    }

    long value(int attribute, long absent) {
        return has(attribute) ? value(attribute) : absent;
    }
}
