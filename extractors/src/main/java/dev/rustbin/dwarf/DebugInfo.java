package dev.rustbin.dwarf;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryOpener;
import dev.rustbin.format.ImageAnalyses;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DWARF of one binary: its own .debug_* sections, or those of its separate debug file. Unit
 * headers are indexed on first use (a walk over their lengths); everything else is read when asked.
 */
public final class DebugInfo {

    private static final int CACHED_ABBREVIATION_TABLES = 256;

    private final DwarfSections sections;
    private final DebugStrings strings;
    private final AddressRanges ranges;
    private final Map<Long, AbbreviationTable> abbreviations = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, AbbreviationTable> eldest) {
            return size() > CACHED_ABBREVIATION_TABLES;
        }
    };
    private List<UnitHeader> units;
    private CompileUnit[] compileUnits;

    DebugInfo(DwarfSections sections) {
        this.sections = sections;
        this.strings = new DebugStrings(sections);
        this.ranges = new AddressRanges(sections, strings);
    }

    /**
     * The DWARF that describes {@code image}, read once per opened image: the image's own when it has
     * any, else its separate debug file's ({@link DebugFiles}), else none (every query gives no rows).
     */
    public static DebugInfo of(BinaryImage image) {
        return ImageAnalyses.of(image, "dwarf", DebugInfo::open);
    }

    /** The DWARF of an image whose separate debug file the caller has already opened (or null). */
    public static DebugInfo of(BinaryImage image, BinaryImage debugImage) {
        if (debugImage == null || new DwarfSections(image).hasDebugInfo()) {
            return of(image);
        }
        return ImageAnalyses.of(image, "dwarf", i -> new DebugInfo(new DwarfSections(debugImage)));
    }

    private static DebugInfo open(BinaryImage image) {
        DwarfSections own = new DwarfSections(image);
        if (own.hasDebugInfo()) {
            return new DebugInfo(own);
        }
        return DebugFiles.find(image).map(path -> {
            try {
                return new DebugInfo(new DwarfSections(BinaryOpener.open(path)));
            } catch (BinaryFormatException e) {
                return new DebugInfo(own);
            }
        }).orElseGet(() -> new DebugInfo(own));
    }

    public DwarfSections sections() {
        return sections;
    }

    DebugStrings strings() {
        return strings;
    }

    AddressRanges ranges() {
        return ranges;
    }

    ByteBuffer info() {
        return sections.get(".debug_info");
    }

    /** Every unit header in .debug_info, in order; a corrupt header ends the list there. */
    public synchronized List<UnitHeader> units() {
        if (units == null) {
            List<UnitHeader> found = new ArrayList<>();
            ByteBuffer info = info();
            try {
                for (UnitHeader u = UnitHeader.read(info, 0); u != null; u = UnitHeader.read(info, u.end())) {
                    found.add(u);
                }
            } catch (DwarfFormatException e) {
                // The units before a corrupt header still describe their code.
            }
            units = List.copyOf(found);
            compileUnits = new CompileUnit[found.size()];
        }
        return units;
    }

    /** The position in {@link #units} of the unit holding a .debug_info offset (a reference's target), or -1. */
    int unitIndexAt(long offset) {
        List<UnitHeader> all = units();
        int lo = 0;
        int hi = all.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            UnitHeader u = all.get(mid);
            if (offset < u.offset()) {
                hi = mid - 1;
            } else if (offset >= u.end()) {
                lo = mid + 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    synchronized AbbreviationTable abbreviations(UnitHeader unit) {
        AbbreviationTable table = abbreviations.get(unit.abbreviationOffset());
        if (table == null) {
            table = AbbreviationTable.read(sections.get(".debug_abbrev"), unit.abbreviationOffset());
            abbreviations.put(unit.abbreviationOffset(), table);
        }
        return table;
    }

    /** A reader of the unit's entries, before its first. */
    DebugInfoEntry entries(UnitHeader unit) {
        return new DebugInfoEntry(info(), unit, abbreviations(unit));
    }

    /** The unit's own entry, read once. */
    public CompileUnit compileUnit(int index) {
        List<UnitHeader> all = units();
        synchronized (this) {
            if (compileUnits[index] == null) {
                DebugInfoEntry entry = entries(all.get(index));
                if (!entry.next()) {
                    throw new DwarfFormatException(String.format("unit at 0x%x has no entries", all.get(index).offset()));
                }
                compileUnits[index] = CompileUnit.of(entry, strings);
            }
            return compileUnits[index];
        }
    }
}
