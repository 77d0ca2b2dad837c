package dev.rustbin.dwarf;

import java.util.LinkedHashMap;
import java.util.Map;

/** The line program header of each unit (its file table above all), read on first use and kept for the most recent units. */
final class LineTables {

    private static final int CACHED_HEADERS = 512;

    private final DebugInfo dwarf;
    private final Map<Integer, LineProgramHeader> headers = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, LineProgramHeader> eldest) {
            return size() > CACHED_HEADERS;
        }
    };

    LineTables(DebugInfo dwarf) {
        this.dwarf = dwarf;
    }

    /** The header of unit {@code index}'s line program, or null when the unit has none or it cannot be read. */
    synchronized LineProgramHeader header(int index) {
        if (headers.containsKey(index)) {
            return headers.get(index);
        }
        LineProgramHeader header = null;
        try {
            if (dwarf.units().get(index).describesCode()) {
                CompileUnit cu = dwarf.compileUnit(index);
                if (cu.stmtList() >= 0) {
                    header = LineProgramHeader.read(dwarf.sections(), dwarf.strings(), cu.stmtList(), cu.compDir(), cu);
                }
            }
        } catch (DwarfFormatException e) {
            header = null;
        }
        headers.put(index, header);
        return header;
    }
}
