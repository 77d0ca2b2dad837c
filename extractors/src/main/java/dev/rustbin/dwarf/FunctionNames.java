package dev.rustbin.dwarf;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The name and linkage name of a function entry, followed through DW_AT_abstract_origin and
 * DW_AT_specification (an inlined call and a concrete instance keep their names on the abstract
 * entry, a method's on its declaration), across units when a reference says so.
 */
final class FunctionNames {

    /** Origin chains are short (instance, abstract entry, declaration); a loop in corrupt data stops here. */
    private static final int MAX_HOPS = 8;
    private static final int CACHED = 1 << 16;

    record Names(String name, String linkageName, long declFile, long declLine, int declUnit) {
    }

    private final DebugInfo dwarf;
    private final Map<Long, Names> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Names> eldest) {
            return size() > CACHED;
        }
    };

    FunctionNames(DebugInfo dwarf) {
        this.dwarf = dwarf;
    }

    synchronized Names of(long entryOffset) {
        Names names = cache.get(entryOffset);
        if (names == null) {
            names = resolve(entryOffset);
            cache.put(entryOffset, names);
        }
        return names;
    }

    private Names resolve(long entryOffset) {
        String name = null;
        String linkage = null;
        long declFile = 0;
        long declLine = 0;
        int declUnit = -1;
        long at = entryOffset;
        try {
            for (int hop = 0; hop < MAX_HOPS && at >= 0; hop++) {
                int unitIndex = dwarf.unitIndexAt(at);
                if (unitIndex < 0) {
                    break;
                }
                CompileUnit cu = dwarf.compileUnit(unitIndex);
                DebugInfoEntry entry = dwarf.entries(cu.header());
                entry.seek(at);
                entry.next();
                if (name == null) {
                    name = dwarf.strings().attribute(cu, entry, DwarfAttributes.NAME);
                }
                if (linkage == null) {
                    linkage = dwarf.strings().attribute(cu, entry, DwarfAttributes.LINKAGE_NAME);
                }
                if (declUnit < 0 && entry.has(DwarfAttributes.DECL_FILE)) {
                    declFile = entry.value(DwarfAttributes.DECL_FILE);
                    declLine = entry.value(DwarfAttributes.DECL_LINE, 0);
                    declUnit = unitIndex;
                }
                if (name != null && linkage != null && declUnit >= 0) {
                    break;
                }
                at = entry.has(DwarfAttributes.ABSTRACT_ORIGIN) ? entry.value(DwarfAttributes.ABSTRACT_ORIGIN)
                        : entry.has(DwarfAttributes.SPECIFICATION) ? entry.value(DwarfAttributes.SPECIFICATION) : -1;
            }
        } catch (DwarfFormatException e) {
            // A broken reference leaves the names found so far.
        }
        return new Names(name, linkage, declFile, declLine, declUnit);
    }
}
