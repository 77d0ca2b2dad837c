package dev.rustbin.dwarf;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.BinaryImage;
import java.util.ArrayList;
import java.util.List;

/** The compile units of a binary's DWARF, each with the code bytes its ranges cover. */
public final class CompileUnitScan {

    private CompileUnitScan() {
    }

    public static List<CompileUnitRow> of(BinaryImage image) {
        DebugInfo dwarf = DebugInfo.of(image);
        List<CompileUnitRow> rows = new ArrayList<>();
        List<UnitHeader> units = dwarf.units();
        for (int i = 0; i < units.size(); i++) {
            if (!units.get(i).describesCode()) {
                continue;
            }
            try {
                CompileUnit cu = dwarf.compileUnit(i);
                DebugInfoEntry entry = dwarf.entries(cu.header());
                entry.next();
                long[] covered = {0, 0};
                dwarf.ranges().of(cu, entry, (low, high) -> {
                    covered[0] += high - low;
                    covered[1]++;
                });
                rows.add(new CompileUnitRow(cu.header().offset(), cu.header().version(), cu.name(), cu.compDir(), cu.producer(),
                        DwarfLanguages.name(cu.language()), cu.lowPc(), covered[0], (int) covered[1], cu.stmtList()));
            } catch (DwarfFormatException e) {
                throw new BinaryFormatException(dwarf.sections().path(), String.format(".debug_info: unit at 0x%x: %s",
                        units.get(i).offset(), e.getMessage()));
            }
        }
        return rows;
    }
}
